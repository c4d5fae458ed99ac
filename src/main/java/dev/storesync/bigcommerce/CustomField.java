package dev.storesync.bigcommerce;

/** A product's custom field: a name and a value shown on the storefront. */
public record CustomField(long id, String name, String value) {
    public CustomField {
        name = name == null ? "" : name;
        value = value == null ? "" : value;
    }
}
