package dev.storesync.queue;

/** Whether retrying can fix a failure. */
public enum FailureKind {
    /** Network, 5xx, 429, timeouts, the database: retried with backoff, never dead-lettered. */
    TRANSIENT,
    /** Bad data or a rejected request: retried a few times, then dead-lettered with the reason. */
    PERMANENT
}
