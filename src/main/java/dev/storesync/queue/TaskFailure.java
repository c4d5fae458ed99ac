package dev.storesync.queue;

import java.time.Duration;

/**
 * A classified failure of one attempt.
 *
 * @param retryAfter the earliest useful retry (for example a store's rate-limit reset); zero when there is none
 */
public record TaskFailure(FailureKind kind, String reason, Duration retryAfter) {
    public static TaskFailure transientFailure(String reason) {
        return new TaskFailure(FailureKind.TRANSIENT, reason, Duration.ZERO);
    }

    public static TaskFailure paused(String reason) {
        return new TaskFailure(FailureKind.PAUSED, reason, Duration.ZERO);
    }

    public static TaskFailure permanent(String reason) {
        return new TaskFailure(FailureKind.PERMANENT, reason, Duration.ZERO);
    }
}
