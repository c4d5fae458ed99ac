package dev.storesync.queue;

import java.time.Clock;
import java.time.Instant;

/**
 * The time leases are measured in (G5, G6). Every instance must read the same time, or a clock running ahead lets one
 * instance reclaim another's live lease; in production this is the {@link DatabaseClock}.
 */
public interface LeaseClock {
    /** The best estimate of now, for times nothing is decided on (when a task was created, last updated). */
    Instant now();

    /**
     * Now, for a decision that takes, extends or ends a lease.
     *
     * @throws UncertainTimeException when this instance cannot tell the shared time closely enough to decide
     */
    Instant certainNow();

    /** A clock taken as certain: for a single instance on one machine, and for tests that move time by hand. */
    static LeaseClock trusting(Clock clock) {
        return new LeaseClock() {
            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public Instant certainNow() {
                return clock.instant();
            }
        };
    }

    /** This instance does not know the shared time well enough to take or extend a lease. */
    final class UncertainTimeException extends IllegalStateException {
        public UncertainTimeException(String message) {
            super(message);
        }
    }
}
