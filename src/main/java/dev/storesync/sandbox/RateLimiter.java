package dev.storesync.sandbox;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A store's request quota per time window, as BigCommerce applies it: every answer says how much of the window's quota
 * is left and when the window resets; a request over the quota is refused with 429.
 */
public final class RateLimiter {
    private final Clock clock;
    private int quota;
    private long windowMs;
    private long windowStart;
    private int used;

    public RateLimiter(Clock clock, int quota, long windowMs) {
        this.clock = clock;
        configure(quota, windowMs);
    }

    public synchronized void configure(int quota, long windowMs) {
        if (quota < 1 || windowMs < 1) {
            throw new IllegalArgumentException("quota and window must be positive");
        }
        this.quota = quota;
        this.windowMs = windowMs;
        this.windowStart = clock.millis();
        this.used = 0;
    }

    /** The outcome of one request against the quota, with the headers every answer carries. */
    public record Decision(boolean allowed, Map<String, String> headers) {}

    public synchronized Decision acquire() {
        long now = clock.millis();
        if (now - windowStart >= windowMs) {
            windowStart = now;
            used = 0;
        }
        boolean allowed = used < quota;
        if (allowed) {
            used++;
        }
        long resetMs = Math.max(1, windowStart + windowMs - now);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Rate-Limit-Requests-Quota", Integer.toString(quota));
        headers.put("X-Rate-Limit-Time-Window-Ms", Long.toString(windowMs));
        headers.put("X-Rate-Limit-Requests-Left", Integer.toString(quota - used));
        headers.put("X-Rate-Limit-Time-Reset-Ms", Long.toString(resetMs));
        if (!allowed) {
            headers.put("X-Retry-After", Long.toString((resetMs + 999) / 1000));
        }
        return new Decision(allowed, headers);
    }
}
