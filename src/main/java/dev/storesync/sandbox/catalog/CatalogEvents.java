package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Receives the webhook events a change to the catalog fires, with the {@code data} BigCommerce sends for them. */
@FunctionalInterface
public interface CatalogEvents {
    CatalogEvents NONE = (scope, data) -> {};

    void fire(String scope, ObjectNode data);
}
