package dev.storesync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The fields storesync copies from Store A to Store B, by resource. Read-only and store-specific fields are absent on
 * purpose: ids, dates, computed prices, counters, {@code base_variant_id}, {@code option_set_id}, {@code tax_class_id},
 * {@code related_products}, {@code layout_file} (a theme file of Store A), gift wrapping option ids. Fields that refer
 * to other resources ({@code brand_id}, {@code categories}) are mapped, not copied; {@code availability} follows the
 * channel rule.
 */
final class WritableFields {
    static final List<String> PRODUCT = List.of(
            "name",
            "type",
            "sku",
            "description",
            "weight",
            "width",
            "depth",
            "height",
            "price",
            "cost_price",
            "retail_price",
            "sale_price",
            "map_price",
            "product_tax_code",
            "inventory_level",
            "inventory_warning_level",
            "inventory_tracking",
            "fixed_cost_shipping_price",
            "is_free_shipping",
            "is_visible",
            "is_featured",
            "warranty",
            "bin_picking_number",
            "upc",
            "mpn",
            "gtin",
            "search_keywords",
            "availability_description",
            "sort_order",
            "condition",
            "is_condition_shown",
            "order_quantity_minimum",
            "order_quantity_maximum",
            "page_title",
            "meta_keywords",
            "meta_description",
            "preorder_release_date",
            "preorder_message",
            "is_preorder_only",
            "is_price_hidden",
            "price_hidden_label",
            "custom_url",
            "open_graph_type",
            "open_graph_title",
            "open_graph_description",
            "open_graph_use_meta_description",
            "open_graph_use_product_name",
            "open_graph_use_image");

    /** Inventory fields that belong to the variants when a product tracks inventory by variant. */
    static final List<String> PRODUCT_INVENTORY = List.of("inventory_level", "inventory_warning_level");

    static final List<String> VARIANT = List.of(
            "cost_price",
            "price",
            "sale_price",
            "retail_price",
            "weight",
            "width",
            "height",
            "depth",
            "is_free_shipping",
            "fixed_cost_shipping_price",
            "purchasing_disabled",
            "purchasing_disabled_message",
            "upc",
            "mpn",
            "gtin",
            "bin_picking_number",
            "inventory_level",
            "inventory_warning_level");

    static final List<String> VARIANT_INVENTORY = PRODUCT_INVENTORY;

    /**
     * The base variant of a product without options follows these fields of its product (DESIGN §11): the product's
     * own write changes them, so they are never written to the base variant too.
     */
    static final List<String> BASE_VARIANT_FOLLOWS_PRODUCT = List.of("price", "weight", "inventory_level");

    private static final String IMAGE_URL = "image_url";

    static final List<String> CATEGORY = List.of(
            "name",
            "description",
            "sort_order",
            "page_title",
            "meta_keywords",
            "meta_description",
            "image_url",
            "is_visible",
            "search_keywords",
            "default_product_sort",
            "url");

    static final List<String> BRAND = List.of(
            "name", "page_title", "meta_keywords", "meta_description", "search_keywords", "image_url", "custom_url");

    private WritableFields() {}

    /** The named fields of {@code source} that are present in it. */
    static ObjectNode copy(JsonNode source, List<String> names) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (String name : names) {
            if (source.has(name)) {
                copy.set(name, source.get(name).deepCopy());
            }
        }
        return copy;
    }

    /** The fields of {@code desired} whose value differs in {@code current}: what an update must send. */
    /**
     * {@link #changes} of a brand or category, whose {@code image_url} the store rehosts: it downloads the file and
     * answers its own CDN address (brands and category trees specs). The image is sent again only when Store A's
     * address differs from {@code uploaded}, the one Store B's copy was made from; unknown, the addresses are compared.
     */
    static ObjectNode changesWithRehostedImage(ObjectNode desired, JsonNode current, Optional<String> uploaded) {
        if (uploaded.isPresent()
                && uploaded.get().equals(desired.path(IMAGE_URL).asText())) {
            desired.remove(IMAGE_URL);
        }
        return changes(desired, current);
    }

    /** The Store A image address a write sends, when it sends one: what the id map keeps of a rehosted image. */
    static Optional<String> sentImage(ObjectNode write) {
        return write.has(IMAGE_URL) ? Optional.of(write.get(IMAGE_URL).asText()) : Optional.empty();
    }

    static ObjectNode changes(ObjectNode desired, JsonNode current) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        desired.fields().forEachRemaining(field -> {
            if (!JsonValues.same(field.getValue(), current.get(field.getKey()))) {
                changes.set(field.getKey(), field.getValue());
            }
        });
        return changes;
    }
}
