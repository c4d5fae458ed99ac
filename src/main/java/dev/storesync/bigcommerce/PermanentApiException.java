package dev.storesync.bigcommerce;

import java.util.Map;

/**
 * A 4xx other than 404 and 429: the store refused the request as it stands (409 duplicate, 422 invalid, ...).
 * Repeating it cannot help; the message carries BigCommerce's {@code title} and {@code errors}.
 */
public final class PermanentApiException extends BigCommerceException {
    public PermanentApiException(String store, String call, int status, String message, Map<String, String> errors) {
        super(store, call, status, message, errors, null);
    }
}
