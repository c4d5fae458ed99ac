package dev.storesync.queue;

/**
 * The sync may not write any more: its lease was taken over, its attempt ran past its deadline, or the service is
 * stopping. Thrown before the next write, so nothing is written over the state of whoever holds the task now.
 */
public final class LeaseLostException extends RuntimeException {
    /** Why the lease is no longer this sync's to use. */
    public enum Why {
        TAKEN_OVER,
        DEADLINE,
        STOPPING
    }

    private final Why why;

    public LeaseLostException(Why why, String message) {
        super(message, null, false, false);
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
