package dev.storesync.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A 207 Multi-Status: the store saved part of a write and refused the rest (a custom URL another entity has, inventory
 * it would not take, some items of a batch). Retrying as it stands refuses the same part again, so it is permanent like
 * a 4xx; {@link #data()} is what the store did save (a product it created has its new id there).
 */
public final class PartialWriteException extends BigCommerceException {
    private final JsonNode data;

    public PartialWriteException(String store, String call, String message, Map<String, String> errors, JsonNode data) {
        super(store, call, 207, message, errors, null);
        this.data = data;
    }

    public JsonNode data() {
        return data;
    }
}
