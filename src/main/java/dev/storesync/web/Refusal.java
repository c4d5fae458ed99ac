package dev.storesync.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The JSON answer of a request refused before it reaches a route, in the shape of every other answer
 * ({@link HttpAnswers#error}). The messages are ours, never an echo of the request.
 */
final class Refusal {
    private Refusal() {}

    static void send(HttpServerResponse response, int status, String code, String message) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    /**
     * Refuses and hangs up: for a request whose body has not been read (and will not be), the connection cannot carry
     * another request, and an attacker's upload stops at once instead of being drained.
     */
    static void sendAndClose(HttpServerResponse response, int status, String code, String message) {
        response.putHeader(HttpHeaders.CONNECTION, "close");
        send(response, status, code, message);
    }
}
