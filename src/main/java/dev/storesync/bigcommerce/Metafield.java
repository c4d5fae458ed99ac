package dev.storesync.bigcommerce;

/**
 * A product metafield, unique per product by namespace, key and the app that wrote it ({@code owner_client_id}): only
 * that app may change or delete it (products spec, update a product metafield: 403 otherwise).
 */
public record Metafield(
        long id,
        String namespace,
        String key,
        String value,
        String permissionSet,
        String description,
        String ownerClientId) {

    public Metafield {
        description = description == null ? "" : description;
        value = value == null ? "" : value;
        permissionSet = permissionSet == null ? "" : permissionSet;
        ownerClientId = ownerClientId == null ? "" : ownerClientId;
    }

    public String address() {
        return namespace + "/" + key;
    }
}
