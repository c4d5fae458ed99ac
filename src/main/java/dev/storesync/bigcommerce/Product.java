package dev.storesync.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A catalog product as read with {@code include=variants,images,custom_fields,options,bulk_pricing_rules,videos}. {@code fields} is the product
 * object as answered (without the included lists), so that every scalar field can be compared and copied by name.
 */
public record Product(
        long id,
        String name,
        String sku,
        ObjectNode fields,
        List<Variant> variants,
        List<ProductOption> options,
        List<ProductImage> images,
        List<CustomField> customFields,
        List<BulkPricingRule> bulkPricingRules,
        List<ProductVideo> videos) {

    /** What {@link #from} needs included in a product read. */
    public static final List<String> INCLUDE =
            List.of("variants", "images", "custom_fields", "options", "bulk_pricing_rules", "videos");

    public Product {
        variants = List.copyOf(variants);
        options = List.copyOf(options);
        images = List.copyOf(images);
        customFields = List.copyOf(customFields);
        bulkPricingRules = List.copyOf(bulkPricingRules);
        videos = List.copyOf(videos);
    }

    public static Product from(JsonNode node) {
        ObjectNode fields = node.deepCopy();
        fields.remove(INCLUDE);
        return new Product(
                node.path("id").asLong(),
                node.path("name").asText(""),
                node.path("sku").asText(""),
                fields,
                list(node.path("variants"), Variant::from),
                list(node.path("options"), n -> BigCommerceClient.JSON.convertValue(n, ProductOption.class)),
                list(node.path("images"), n -> BigCommerceClient.JSON.convertValue(n, ProductImage.class)),
                list(node.path("custom_fields"), n -> BigCommerceClient.JSON.convertValue(n, CustomField.class)),
                list(
                        node.path("bulk_pricing_rules"),
                        n -> BigCommerceClient.JSON.convertValue(n, BulkPricingRule.class)),
                list(node.path("videos"), n -> BigCommerceClient.JSON.convertValue(n, ProductVideo.class)));
    }

    public long brandId() {
        return fields.path("brand_id").asLong(0);
    }

    public List<Long> categories() {
        List<Long> ids = new ArrayList<>();
        fields.path("categories").forEach(c -> ids.add(c.asLong()));
        return ids;
    }

    public String availability() {
        return fields.path("availability").asText("available");
    }

    public boolean tracksInventoryByVariant() {
        return "variant".equals(fields.path("inventory_tracking").asText());
    }

    static <T> List<T> list(JsonNode array, Function<JsonNode, T> item) {
        List<T> items = new ArrayList<>();
        array.forEach(node -> items.add(item.apply(node)));
        return items;
    }
}
