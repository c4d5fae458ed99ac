package dev.storesync.bigcommerce;

import java.util.Map;

/** A webhook subscription of a store ({@code /hooks}); times are Unix seconds. */
public record Hook(
        long id,
        String scope,
        String destination,
        boolean isActive,
        Map<String, String> headers,
        long createdAt,
        long updatedAt) {

    public Hook {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** What storesync sends to create or change a hook. */
    public record Write(String scope, String destination, boolean isActive, Map<String, String> headers) {}
}
