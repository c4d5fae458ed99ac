package dev.storesync.bigcommerce;

/**
 * A create whose answer was lost (timeout, dropped connection, 5xx): it may or may not have happened. The client
 * never repeats it; the caller must look for what it created before creating again.
 */
public final class UncertainWriteException extends TransientApiException {
    public UncertainWriteException(String store, String call, int status, String message, Throwable cause) {
        super(store, call, status, message, cause);
    }
}
