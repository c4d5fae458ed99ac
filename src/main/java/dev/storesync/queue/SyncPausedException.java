package dev.storesync.queue;

/**
 * Thrown when an attempt failed for a reason that concerns every task alike, not this one (a store answers 401 or 403
 * to the service's credentials): the attempt is not counted, and no sync is started until the cause is gone.
 */
public class SyncPausedException extends RuntimeException {
    public SyncPausedException(String message, Throwable cause) {
        super(message, cause);
    }
}
