package dev.storesync.bigcommerce;

import java.time.Clock;
import java.time.Duration;

/**
 * One per store, shared by every worker. It learns the store's quota from each answer's {@code X-Rate-Limit-*}
 * headers and counts requests still in flight against what is left. Requests go out freely while more than half of
 * the quota is left; below that they are spaced so that what remains lasts until the window resets, which keeps a
 * backfill busy for the whole window instead of bursting into 429s. A reserve share of the quota is left to the store's
 * other apps (they spend the same quota). After a 429 every request waits for the later of the reset and
 * {@code X-Retry-After}.
 */
public final class RateLimitGate {
    private static final long MAX_WAIT_MS = 60_000;

    private final Clock clock;
    private final double reserveShare;
    private long quota = -1;
    private long windowMs;
    private long left;
    private long resetAt;
    private long blockedUntil;
    private long nextSendAt;
    private int inFlight;

    /** @param reserveShare share of the quota left for other apps, 0 to 0.5 */
    public RateLimitGate(Clock clock, double reserveShare) {
        if (reserveShare < 0 || reserveShare > 0.5) {
            throw new IllegalArgumentException("reserve share must be between 0 and 0.5");
        }
        this.clock = clock;
        this.reserveShare = reserveShare;
    }

    /** Waits until a request may go out, then counts it as in flight. */
    public void acquire() throws InterruptedException {
        long wait;
        while ((wait = tryAcquire()) > 0) {
            Thread.sleep(Math.min(wait, MAX_WAIT_MS));
        }
    }

    /** Lets a request out (counted as in flight) and answers 0, or answers how long to wait before asking again. */
    synchronized long tryAcquire() {
        long now = clock.millis();
        long wait = waitMillis(now);
        if (wait > 0) {
            return wait;
        }
        inFlight++;
        nextSendAt = Math.max(nextSendAt, now) + spacing(now);
        return 0;
    }

    /** Records the answer (null when none came) of a request that {@link #acquire()} let through. */
    public synchronized void release(ApiResponse response) {
        inFlight = Math.max(0, inFlight - 1);
        if (response == null) {
            return;
        }
        long now = clock.millis();
        response.longHeader("X-Rate-Limit-Requests-Quota").ifPresent(q -> quota = q);
        response.longHeader("X-Rate-Limit-Time-Window-Ms").ifPresent(w -> windowMs = w);
        response.longHeader("X-Rate-Limit-Requests-Left").ifPresent(l -> left = l);
        response.longHeader("X-Rate-Limit-Time-Reset-Ms").ifPresent(ms -> resetAt = now + ms);
        if (response.status() == 429) {
            blockedUntil = Math.max(blockedUntil, now + retryAfter(response).toMillis());
        }
    }

    /** What the gate knows, for health checks and the status page. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(quota, windowMs, left, inFlight, Math.max(0, blockedUntil - clock.millis()));
    }

    /** @param quota -1 until the store has answered once */
    public record Snapshot(long quota, long windowMs, long left, int inFlight, long blockedForMs) {}

    /** How long to wait after a 429: the later of the window reset and {@code X-Retry-After} (seconds). */
    static Duration retryAfter(ApiResponse response) {
        long reset = response.longHeader("X-Rate-Limit-Time-Reset-Ms")
                .or(() -> response.longHeader("X-Rate-Limit-Time-Window-Ms"))
                .orElse(1_000L);
        long retryAfter = response.longHeader("X-Retry-After").orElse(0L) * 1_000;
        return Duration.ofMillis(Math.max(1, Math.max(reset, retryAfter)));
    }

    private long waitMillis(long now) {
        if (blockedUntil > now) {
            return blockedUntil - now;
        }
        if (quota <= 0) {
            return 0;
        }
        if (now >= resetAt) {
            // a new window: assume it is whole until the next answer says otherwise
            left = quota;
            resetAt = now + Math.max(windowMs, 1);
        }
        if (usable() <= 0) {
            return Math.max(1, resetAt - now);
        }
        return nextSendAt - now;
    }

    private long spacing(long now) {
        long usable = usable();
        if (quota <= 0 || usable >= quota / 2 || now >= resetAt) {
            return 0;
        }
        return (resetAt - now) / (usable + 1);
    }

    private long usable() {
        return left - inFlight - Math.round(quota * reserveShare);
    }
}
