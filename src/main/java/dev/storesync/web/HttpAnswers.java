package dev.storesync.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes JSON answers. Every answer starts from an empty set of headers: platform-http would otherwise send the
 * request's headers back, the webhook secret among them.
 */
public final class HttpAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(HttpAnswers.class);

    private final ObjectMapper json;

    public HttpAnswers(ObjectMapper json) {
        this.json = json;
    }

    public void ok(Exchange exchange, Object body) {
        answer(exchange, 200, body);
    }

    /** The answer for an {@link HttpProblem} caught by the route. */
    public void problem(Exchange exchange) {
        HttpProblem problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, HttpProblem.class);
        answer(exchange, problem.status(), error(problem.code(), problem.getMessage()));
    }

    /** The database could not be reached: nothing was acknowledged, so the sender should try again. */
    public void databaseUnavailable(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("answered 503 to {}: database unavailable ({})", path(exchange), summary(cause));
        answer(
                exchange,
                503,
                error("database_unavailable", "the database is unreachable; nothing was acknowledged, retry later"));
        exchange.getMessage().setHeader("Retry-After", "5");
    }

    public void unexpected(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("answered 500 to {}", path(exchange), cause);
        answer(exchange, 500, error("internal_error", "unexpected error; the service log has the details"));
    }

    public static Map<String, Object> error(String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    private void answer(Exchange exchange, int status, Object body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("answer bodies are plain maps and records", e);
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        // A String, which platform-http (Camel 4.18) writes as it is. A byte[] it turns into a stream that a worker
        // thread copies out, a thread hand-off for every answer (a sixth of the allocations under intake load); a
        // ByteBuffer it also writes as it is, but any later reading of the body (a log step, a tracer) would use it up.
        message.setBody(text);
    }

    private static String path(Exchange exchange) {
        Object path = exchange.getIn().getHeader(Exchange.HTTP_PATH);
        return path == null ? "request" : path.toString();
    }

    private static String summary(Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        int cut = message.indexOf(". Client view of cluster state");
        return cause.getClass().getSimpleName() + ": " + (cut > 0 ? message.substring(0, cut) : message);
    }
}
