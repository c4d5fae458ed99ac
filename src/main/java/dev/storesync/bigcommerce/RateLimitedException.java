package dev.storesync.bigcommerce;

import java.time.Duration;
import java.util.Map;

/** The store kept answering 429 beyond the client's patience; {@link #retryAfter()} says when the quota resets. */
public final class RateLimitedException extends BigCommerceException {
    private final Duration retryAfter;

    public RateLimitedException(String store, String call, Duration retryAfter) {
        super(
                store,
                call,
                429,
                "Store " + store + " is rate limiting " + call + "; quota resets in " + retryAfter.toMillis() + " ms",
                Map.of(),
                null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
