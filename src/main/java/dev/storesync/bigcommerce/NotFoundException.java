package dev.storesync.bigcommerce;

import java.util.Map;

/** 404: the resource is not there. Reads turn this into "absent"; only writes surface it. */
public final class NotFoundException extends BigCommerceException {
    public NotFoundException(String store, String call, String message) {
        super(store, call, 404, message, Map.of(), null);
    }
}
