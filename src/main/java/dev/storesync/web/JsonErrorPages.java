package dev.storesync.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Gives the answers Vert.x produces on its own the same JSON shape as every other answer of the service:
 *
 * <ul>
 *   <li>failures raised before a request reaches a route, a body over the size limit above all;
 *   <li>a webhook that arrives while the intake route is not running (starting, or stopping first in a graceful
 *       shutdown) gets 503 "retry later" instead of a 404, so BigCommerce delivers it again; other paths below
 *       {@code /webhooks} get a JSON 404.
 * </ul>
 */
public final class JsonErrorPages {
    private JsonErrorPages() {}

    public static void install(CamelContext context, int port, long maxBodyBytes, ObjectMapper json) {
        VertxPlatformHttpRouter router =
                VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the HTTP server on port " + port + " has not started");
        }
        router.route().failureHandler(ctx -> failure(ctx, maxBodyBytes, json));
        for (String intakePath : List.of("/webhooks", "/webhooks/:family/:action")) {
            router.route(HttpMethod.POST, intakePath)
                    .order(Integer.MAX_VALUE - 1)
                    .handler(ctx -> send(
                            ctx,
                            503,
                            HttpAnswers.error("unavailable", "storesync is not taking webhooks right now; retry later"),
                            json));
        }
        // any other path below /webhooks is a misconfigured hook: a 503 would have BigCommerce retry it for ever
        router.route(HttpMethod.POST, "/webhooks*")
                .order(Integer.MAX_VALUE)
                .handler(ctx -> send(
                        ctx,
                        404,
                        HttpAnswers.error("not_found", "no webhook endpoint at this path; use POST /webhooks"),
                        json));
    }

    private static void failure(RoutingContext ctx, long maxBodyBytes, ObjectMapper json) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        Object body =
                switch (status) {
                    case 413 -> HttpAnswers.error(
                            "payload_too_large",
                            "the request body is larger than the limit of " + maxBodyBytes + " bytes");
                    case 400 -> HttpAnswers.error("bad_request", "the request could not be read");
                    default -> HttpAnswers.error(
                            status < 500 ? "request_rejected" : "internal_error", "HTTP " + status);
                };
        send(ctx, status, body, json);
    }

    private static void send(RoutingContext ctx, int status, Object body, ObjectMapper json) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (status == 503) {
            ctx.response().putHeader("Retry-After", "5");
        }
        try {
            ctx.response().end(Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.response().end();
        }
    }
}
