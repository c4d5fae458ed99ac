package dev.storesync.queue;

import com.mongodb.MongoException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a failed attempt is worth retrying. Handlers say so explicitly with {@link RetryableSyncException}
 * or {@link PermanentSyncException}; for anything else, I/O, timeouts and database trouble are transient, and every
 * other exception (a bug, bad data) is permanent so that it ends up as a dead letter a person can read.
 */
public final class FailureClassifier {
    private static final int MAX_REASON = 1_000;

    private FailureClassifier() {}

    public static TaskFailure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryableSyncException retryable) {
                return new TaskFailure(FailureKind.TRANSIENT, reason(t), retryable.retryAfter());
            }
            if (t instanceof PermanentSyncException) {
                return TaskFailure.permanent(reason(t));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException || t instanceof MongoException) {
                return TaskFailure.transientFailure(reason(t));
            }
        }
        return TaskFailure.permanent(reason(innermost(failure)));
    }

    private static Throwable innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String reason(Throwable t) {
        boolean ours = t instanceof RetryableSyncException || t instanceof PermanentSyncException;
        String message = t.getMessage() == null ? "" : t.getMessage();
        String text = ours ? message : t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}
