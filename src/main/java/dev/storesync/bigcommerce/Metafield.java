package dev.storesync.bigcommerce;

/** A product metafield, unique per product by namespace and key. */
public record Metafield(long id, String namespace, String key, String value, String permissionSet, String description) {

    public Metafield {
        description = description == null ? "" : description;
        value = value == null ? "" : value;
        permissionSet = permissionSet == null ? "" : permissionSet;
    }

    public String address() {
        return namespace + "/" + key;
    }
}
