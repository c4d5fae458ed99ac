package dev.storesync.bigcommerce;

import java.util.Map;

/**
 * 401 or 403: the store refuses the service's credentials (the access token was rotated, revoked or lost a scope).
 * It concerns every call alike, not the one that met it, and it lasts until someone fixes the token.
 */
public final class AccessDeniedException extends BigCommerceException {
    public AccessDeniedException(String store, String call, int status, String message) {
        super(store, call, status, message, Map.of(), null);
    }
}
