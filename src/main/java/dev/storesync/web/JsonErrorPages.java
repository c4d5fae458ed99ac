package dev.storesync.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Gives the errors that Vert.x raises before a request reaches a route (a body over the size limit, above all) the
 * same JSON shape as every other answer of the service, instead of Vert.x's plain-text pages.
 */
public final class JsonErrorPages {
    private JsonErrorPages() {}

    public static void install(CamelContext context, int port, long maxBodyBytes, ObjectMapper json) {
        VertxPlatformHttpRouter router =
                VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            throw new IllegalStateException("the HTTP server on port " + port + " has not started");
        }
        router.route().failureHandler(ctx -> answer(ctx, maxBodyBytes, json));
    }

    private static void answer(RoutingContext ctx, long maxBodyBytes, ObjectMapper json) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
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
        try {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .end(io.vertx.core.buffer.Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}
