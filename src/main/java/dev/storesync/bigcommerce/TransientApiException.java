package dev.storesync.bigcommerce;

import java.util.Map;

/** 5xx, a timeout or a broken connection, still failing after the client's quick retries: try again later. */
public class TransientApiException extends BigCommerceException {
    public TransientApiException(String store, String call, int status, String message, Throwable cause) {
        super(store, call, status, message, Map.of(), cause);
    }
}
