package dev.storesync.bigcommerce;

/**
 * One call to a store's v3 API: {@code path} is relative to {@code /stores/{hash}/v3} (e.g.
 * {@code /catalog/products/12}); {@code body} is serialised as JSON, or absent.
 */
public record ApiRequest(Method method, String path, Query query, Object body) {
    public enum Method {
        GET,
        POST,
        PUT,
        DELETE;

        /** Whether repeating the call after a lost answer is harmless. POST creates: never repeat it blindly. */
        boolean idempotent() {
            return this != POST;
        }
    }

    public ApiRequest {
        if (!path.startsWith("/") || path.contains("?") || path.contains("..")) {
            throw new IllegalArgumentException("path must be absolute, without query: " + path);
        }
    }

    public static ApiRequest get(String path, Query query) {
        return new ApiRequest(Method.GET, path, query, null);
    }

    public static ApiRequest post(String path, Object body) {
        return new ApiRequest(Method.POST, path, Query.empty(), body);
    }

    public static ApiRequest put(String path, Object body) {
        return new ApiRequest(Method.PUT, path, Query.empty(), body);
    }

    public static ApiRequest delete(String path, Query query) {
        return new ApiRequest(Method.DELETE, path, query, null);
    }

    /** For logs and errors: method and path with query, never credentials. */
    public String describe() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query.encoded());
    }
}
