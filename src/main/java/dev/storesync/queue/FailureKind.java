package dev.storesync.queue;

/** Whether retrying can fix a failure. */
public enum FailureKind {
    /** Network, 5xx, 429, timeouts, the database: retried with backoff, never dead-lettered. */
    TRANSIENT,
    /**
     * Bad data or a rejected request: retried a few times, then dead-lettered with the reason once it failed so that
     * many times (transient failures in between do not count).
     */
    PERMANENT,
    /**
     * Nothing to do with the task: no sync can succeed for now (a store refuses the service's credentials). The
     * attempt is not counted and the task waits, at once due again, while the dispatcher holds off (see {@link
     * SyncPause}).
     */
    PAUSED
}
