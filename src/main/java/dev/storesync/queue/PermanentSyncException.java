package dev.storesync.queue;

/**
 * Thrown by a handler when retrying cannot help until someone changes the data: the message is the dead letter's
 * reason, so it should tell a person what is wrong and where.
 */
public class PermanentSyncException extends RuntimeException {
    public PermanentSyncException(String message) {
        super(message);
    }

    public PermanentSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
