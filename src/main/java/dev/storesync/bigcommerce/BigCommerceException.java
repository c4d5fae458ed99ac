package dev.storesync.bigcommerce;

import java.util.Map;

/**
 * A call to a store that did not succeed. The subclasses say what a caller can do about it: nothing but wait
 * ({@link TransientApiException}, {@link RateLimitedException}), fix the data ({@link PermanentApiException}), or
 * treat the resource as absent ({@link NotFoundException}).
 */
public abstract class BigCommerceException extends RuntimeException {
    private final String store;
    private final String call;
    private final int status;
    private final Map<String, String> errors;

    protected BigCommerceException(
            String store, String call, int status, String message, Map<String, String> errors, Throwable cause) {
        super(message, cause);
        this.store = store;
        this.call = call;
        this.status = status;
        this.errors = Map.copyOf(errors);
    }

    /** Which store answered: "A" or "B". */
    public String store() {
        return store;
    }

    /** The call, e.g. {@code PUT /catalog/products/12}. */
    public String call() {
        return call;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** BigCommerce's per-field messages ({@code errors}), empty when it gave none. */
    public Map<String, String> errors() {
        return errors;
    }
}
