package dev.storesync.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.catalog.ListQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Bodies and look-ups for editing a simulated catalog as a merchant would, in tests. */
public final class CatalogBuilder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CatalogBuilder() {}

    public static ObjectNode product(String name, String sku, double price) {
        return JSON.objectNode()
                .put("name", name)
                .put("type", "physical")
                .put("sku", sku)
                .put("price", price)
                .put("weight", 1);
    }

    /** Adds one variant per combination of the options' values, SKU {@code sku-value-value}. */
    public static ObjectNode withVariants(ObjectNode product, Map<String, List<String>> options) {
        ArrayNode variants = product.putArray("variants");
        List<List<String[]>> combinations = new ArrayList<>();
        combinations.add(List.of());
        for (Map.Entry<String, List<String>> option : options.entrySet()) {
            List<List<String[]>> next = new ArrayList<>();
            for (List<String[]> combination : combinations) {
                for (String label : option.getValue()) {
                    List<String[]> longer = new ArrayList<>(combination);
                    longer.add(new String[] {option.getKey(), label});
                    next.add(longer);
                }
            }
            combinations = next;
        }
        for (List<String[]> combination : combinations) {
            StringBuilder sku = new StringBuilder(product.path("sku").asText());
            ObjectNode variant = variants.addObject();
            ArrayNode values = variant.putArray("option_values");
            for (String[] value : combination) {
                sku.append('-').append(value[1]);
                values.addObject().put("option_display_name", value[0]).put("label", value[1]);
            }
            variant.put("sku", sku.toString()).put("inventory_level", 5);
        }
        return product;
    }

    public static ObjectNode withImages(ObjectNode product, int count, String prefix) {
        ArrayNode images = product.putArray("images");
        for (int i = 0; i < count; i++) {
            images.addObject()
                    .put("image_url", "https://images.example.com/" + prefix + "/" + i + ".jpg")
                    .put("is_thumbnail", i == 0)
                    .put("sort_order", i)
                    .put("description", prefix + " view " + i);
        }
        return product;
    }

    public static ObjectNode image(String url, int sortOrder, String description) {
        return JSON.objectNode()
                .put("image_url", url)
                .put("sort_order", sortOrder)
                .put("description", description);
    }

    public static long create(Catalog catalog, ObjectNode product) {
        return catalog.products.create(product).path("id").asLong();
    }

    /** A product with its variants, images, custom fields and options, found by SKU. */
    public static ObjectNode bySku(Catalog catalog, String sku) {
        List<ObjectNode> found = catalog.products
                .list(new ListQuery(Map.of("sku", sku, "include", "variants,images,custom_fields,options")))
                .items();
        if (found.size() != 1) {
            throw new AssertionError("expected one product with SKU " + sku + ", found " + found.size());
        }
        return found.get(0);
    }

    public static long countBySku(Catalog catalog, String sku) {
        return catalog.products.list(new ListQuery(Map.of("sku", sku))).total();
    }

    /** The ids of a product's variants, options, option values and images, to check that they survive a sync. */
    public static List<Long> partIds(ObjectNode product) {
        List<Long> ids = new ArrayList<>();
        product.path("variants").forEach(v -> ids.add(v.path("id").asLong()));
        for (JsonNode option : product.path("options")) {
            ids.add(option.path("id").asLong());
            option.path("option_values").forEach(v -> ids.add(v.path("id").asLong()));
        }
        product.path("images").forEach(i -> ids.add(i.path("id").asLong()));
        ids.sort(null);
        return ids;
    }

    public static long categoryIn(Catalog catalog, long parent, String name) {
        ObjectNode item = JSON.objectNode().put("name", name);
        if (parent == 0) {
            item.put("tree_id", 1);
        } else {
            item.put("parent_id", parent);
        }
        return catalog.categories
                .createBatch(JSON.arrayNode().add(item))
                .get(0)
                .path("category_id")
                .asLong();
    }

    /** A marketplace channel, as the one that stands for Store B in Store A. */
    public static long channel(Catalog catalog, String name) {
        return catalog.channels
                .create(JSON.objectNode()
                        .put("name", name)
                        .put("type", "marketplace")
                        .put("platform", "custom"))
                .path("id")
                .asLong();
    }

    /** A product metafield in {@code namespace}, readable by other apps. */
    public static ObjectNode metafield(String namespace, String key, String value) {
        return JSON.objectNode()
                .put("namespace", namespace)
                .put("key", key)
                .put("value", value)
                .put("permission_set", "read");
    }

    public static long brand(Catalog catalog, String name) {
        return catalog.brands
                .create(JSON.objectNode().put("name", name))
                .path("id")
                .asLong();
    }
}
