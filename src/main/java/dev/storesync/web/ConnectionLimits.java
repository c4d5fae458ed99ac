package dev.storesync.web;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every connection to either port may take: a connection that carries nothing for {@link #IDLE} is closed (a
 * slow sender of headers included, which no request handler ever sees), at most {@link #MAX_CONNECTIONS} are open
 * at once per server, and a request Netty cannot decode (too long a line or headers, both Content-Length and
 * Transfer-Encoding) gets a JSON answer before the connection closes.
 */
final class ConnectionLimits {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);
    /** Store A's deliveries and operators' calls finish within seconds; a minute of silence is someone waiting. */
    static final int IDLE_SECONDS = 60;

    /** Enough for BigCommerce's parallel deliveries, Hawtio and a scraper, far below the file descriptor limit. */
    static final int MAX_CONNECTIONS = 512;

    private final int idleSeconds;
    private final int maxConnections;

    ConnectionLimits() {
        this(IDLE_SECONDS, MAX_CONNECTIONS);
    }

    ConnectionLimits(int idleSeconds, int maxConnections) {
        this.idleSeconds = idleSeconds;
        this.maxConnections = maxConnections;
    }

    void apply(HttpServerOptions options) {
        options.setIdleTimeout(idleSeconds).setIdleTimeoutUnit(TimeUnit.SECONDS);
    }

    void apply(HttpServer server) {
        AtomicInteger open = new AtomicInteger();
        // one line when the server fills up, not one per refused connection of a flood
        AtomicBoolean full = new AtomicBoolean();
        server.connectionHandler(connection -> {
            if (open.incrementAndGet() > maxConnections) {
                open.decrementAndGet();
                if (full.compareAndSet(false, true)) {
                    LOG.warn("{} connections are open: further ones are closed until some end", maxConnections);
                }
                connection.close();
                return;
            }
            full.set(false);
            connection.closeHandler(closed -> open.decrementAndGet());
        });
        server.invalidRequestHandler(ConnectionLimits::invalid);
    }

    /** The answers of the router when no route takes a request: JSON, like every other answer. */
    static void apply(Router router) {
        router.errorHandler(404, ctx -> Refusal.send(ctx.response(), 404, "not_found", "nothing at this path"));
        router.errorHandler(
                405,
                ctx -> Refusal.send(ctx.response(), 405, "method_not_allowed", "this path does not take this method"));
    }

    /** Vert.x closes the connection once this answer is sent. */
    private static void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            Refusal.send(request.response(), 414, "uri_too_long", "the request line is too long");
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            Refusal.send(request.response(), 431, "headers_too_large", "the request headers are too large");
        } else {
            Refusal.send(request.response(), 400, "bad_request", "the request could not be read as HTTP");
        }
    }
}
