package dev.storesync.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a request on the business port may cost before any route reads it, decided from its headers alone:
 *
 * <ul>
 *   <li>a body must announce its length: chunked bodies (and Netty turns a request with both Content-Length and
 *       Transfer-Encoding into one) are refused with 411, so that every body is known before it is read;
 *   <li>a body over the limit is refused with 413 before a byte of it is read;
 *   <li>the bodies being read at once may hold at most {@link #IN_FLIGHT_BYTES} between them; beyond that 503, retry
 *       later (nothing was acknowledged, BigCommerce delivers again);
 *   <li>a body must have arrived {@link #READ_DEADLINE_MS} after its headers, or 408 and the connection is closed: a
 *       slow upload holds neither memory nor a connection for long.
 * </ul>
 *
 * <p>Each refusal closes the connection, so an unread body is never drained.
 */
final class RequestLimits implements Check {
    /** Room for thousands of ordinary webhooks at once, a small share of the 128 MB heap the Dockerfile gives. */
    static final long IN_FLIGHT_BYTES = 8L * 1024 * 1024;

    static final long READ_DEADLINE_MS = 20_000;

    private final long maxBodyBytes;
    private final long budget;
    private final long readDeadlineMs;
    private final AtomicLong inFlight = new AtomicLong();

    RequestLimits(long maxBodyBytes) {
        this(maxBodyBytes, IN_FLIGHT_BYTES, READ_DEADLINE_MS);
    }

    RequestLimits(long maxBodyBytes, long budget, long readDeadlineMs) {
        this.maxBodyBytes = maxBodyBytes;
        this.budget = budget;
        this.readDeadlineMs = readDeadlineMs;
    }

    @Override
    public boolean admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            Refusal.sendAndClose(ctx, 411, "length_required", "send the body with a Content-Length, not chunked");
            return false;
        }
        String announced = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        // HTTP/2 frames a body without announcing its length: it may be as long as the limit allows
        long length = announced == null && request.version() == HttpVersion.HTTP_2 && !request.isEnded()
                ? maxBodyBytes
                : contentLength(announced);
        if (length < 0) {
            Refusal.sendAndClose(ctx, 400, "bad_request", "Content-Length is not a number");
            return false;
        }
        if (length > maxBodyBytes) {
            Refusal.sendAndClose(
                    ctx,
                    413,
                    "payload_too_large",
                    "the request body is larger than the limit of " + maxBodyBytes + " bytes");
            return false;
        }
        if (length == 0 || request.isEnded()) {
            return true;
        }
        if (inFlight.addAndGet(length) > budget) {
            inFlight.addAndGet(-length);
            ctx.response().putHeader("Retry-After", "5");
            Refusal.sendAndClose(ctx, 503, "busy", "too many requests are being read; retry later");
            return false;
        }
        long timer = ctx.vertx().setTimer(readDeadlineMs, id -> {
            if (!request.isEnded()) {
                Refusal.sendAndClose(ctx, 408, "request_timeout", "the request body did not arrive in time");
            }
        });
        ctx.addEndHandler(done -> {
            ctx.vertx().cancelTimer(timer);
            inFlight.addAndGet(-length);
        });
        return true;
    }

    /** Bytes of bodies admitted and not yet answered. */
    long inFlight() {
        return inFlight.get();
    }

    private static long contentLength(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
