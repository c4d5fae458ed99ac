package dev.storesync.queue;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": attempt n waits between half and all of {@code base * 2^(n-1)}, capped at
 * {@code max}, so that resources failing together spread out instead of retrying in lock-step. A hint from the store
 * (its rate-limit reset) is a floor: retrying earlier would only fail again.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max");
        }
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** @param attempt the attempt that just failed, 1 for the first */
    public Duration delay(int attempt, Duration floor) {
        int doublings = Math.max(0, Math.min(attempt - 1, 40));
        double ceiling = Math.min((double) max.toMillis(), base.toMillis() * Math.pow(2, doublings));
        long millis = Math.round(ceiling / 2 + random.nextDouble() * ceiling / 2);
        Duration delay = Duration.ofMillis(Math.max(1, millis));
        return floor.compareTo(delay) > 0 ? floor : delay;
    }
}
