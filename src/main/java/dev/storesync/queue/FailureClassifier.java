package dev.storesync.queue;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Decides whether a failed attempt is worth retrying. Handlers say so explicitly with {@link RetryableSyncException}
 * or {@link PermanentSyncException}, and {@link SyncPausedException} when no sync can succeed for now; for anything
 * else, I/O, timeouts and database trouble are transient (except a taken unique key or an oversized document, which
 * no retry fixes), and every other exception (a bug, bad data) is permanent so that it ends up as a dead letter a
 * person can read.
 */
public final class FailureClassifier {
    private static final int MAX_REASON = 1_000;
    /** BSONObjectTooLarge, and "the document after the update is larger than the maximum" (two codes). */
    private static final Set<Integer> TOO_LARGE = Set.of(10334, 17419, 17420);

    private FailureClassifier() {}

    public static TaskFailure classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RetryableSyncException retryable) {
                return new TaskFailure(FailureKind.TRANSIENT, reason(t), retryable.retryAfter());
            }
            if (t instanceof PermanentSyncException) {
                return TaskFailure.permanent(reason(t));
            }
            if (t instanceof SyncPausedException) {
                return TaskFailure.paused(reason(t));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MongoException mongo && isPermanent(mongo)) {
                return TaskFailure.permanent(reason(t));
            }
            if (t instanceof IOException
                    || t instanceof TimeoutException
                    || t instanceof MongoException
                    || t instanceof LeaseLostException) {
                return TaskFailure.transientFailure(reason(t));
            }
        }
        return TaskFailure.permanent(reason(innermost(failure)));
    }

    /** Errors that repeating the same write cannot fix: a unique key taken, a document over the size limit. */
    private static boolean isPermanent(MongoException e) {
        return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY
                || TOO_LARGE.contains(e.getCode());
    }

    private static Throwable innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String reason(Throwable t) {
        boolean ours = t instanceof RetryableSyncException
                || t instanceof PermanentSyncException
                || t instanceof SyncPausedException;
        String message = t.getMessage() == null ? "" : t.getMessage();
        String text = ours ? message : t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }
}
