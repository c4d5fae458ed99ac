package dev.storesync.sandbox.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the simulated API answers with a BigCommerce error body: {@code status}, {@code title}, {@code type} and,
 * for validation and conflict errors, {@code errors} (field → message).
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, String> errors;

    public ApiException(int status, String title, Map<String, String> errors) {
        super(title, null, false, false);
        this.status = status;
        this.errors = Map.copyOf(new LinkedHashMap<>(errors));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "The requested " + what + " was not found.", Map.of());
    }

    public static ApiException conflict(String title, String field, String message) {
        return new ApiException(409, title, Map.of(field, message));
    }

    public static ApiException invalid(Map<String, String> errors) {
        return new ApiException(422, "JSON data is missing or invalid", errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(Map.of(field, message));
    }

    public int status() {
        return status;
    }

    public String title() {
        return getMessage();
    }

    public Map<String, String> errors() {
        return errors;
    }
}
