package dev.storesync.queue;

import java.time.Duration;

/** Thrown by a handler when the attempt failed for a reason that time will fix (store down, rate limited, ...). */
public class RetryableSyncException extends RuntimeException {
    private final Duration retryAfter;

    public RetryableSyncException(String message) {
        this(message, Duration.ZERO, null);
    }

    public RetryableSyncException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
