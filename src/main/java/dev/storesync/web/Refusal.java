package dev.storesync.web;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * The JSON answer of a request refused before it reaches a route, in the shape of every other answer
 * ({@link HttpAnswers#error}). The messages are ours, never an echo of the request.
 */
final class Refusal {
    private Refusal() {}

    static Future<Void> send(HttpServerResponse response, int status, String code, String message) {
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    /**
     * Refuses and hangs up: for a request whose body has not been read (and will not be), the connection cannot carry
     * another request, and an attacker's upload stops at once instead of being drained.
     */
    static void sendAndClose(RoutingContext ctx, int status, String code, String message) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (ctx.request().version() == HttpVersion.HTTP_2) {
            // one stream of many: ending it is enough, the connection's flow control stops its body
            send(response, status, code, message);
            return;
        }
        response.putHeader(HttpHeaders.CONNECTION, "close");
        // Vert.x would keep the connection until the unread body had arrived
        send(response, status, code, message)
                .onComplete(sent -> ctx.request().connection().close());
    }
}
