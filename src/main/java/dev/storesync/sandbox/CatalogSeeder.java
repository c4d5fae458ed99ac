package dev.storesync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.catalog.ListQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fills a simulated store with a catalog that exercises a sync: brands, a category tree in which the same names appear
 * under different parents, products with options and variants, images and custom fields, SKUs with characters that
 * need URL encoding, and listings on a channel that represents Store B (most active, some disabled, some absent).
 * The same seed gives the same catalog.
 */
public final class CatalogSeeder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> BRANDS =
            List.of("Northwind", "Lumen & Co", "Fjord", "Atelier Nova", "Common Good", "Kestrel", "Oaken", "Solstice");
    private static final List<String> ADJECTIVES =
            List.of("Linen", "Canvas", "Merino", "Cedar", "Copper", "Harbor", "Alpine", "Velvet", "Granite", "Maple");
    private static final List<String> NOUNS =
            List.of("Towel", "Sneaker", "Scarf", "Mug", "Lamp", "Backpack", "Blanket", "Jacket", "Candle", "Notebook");
    /** SKU shapes that break naive URL handling: plus, space, slash, non-ASCII. */
    private static final List<String> AWKWARD_SKUS = List.of("%s+XL", "%s LONG", "%s/2", "CAFÉ-%s", "Ñ-%s");

    private CatalogSeeder() {}

    /** What was seeded, for tests and the demo. */
    public record Seeded(List<Long> products, Map<String, Long> categories, List<Long> brands, long storeBChannel) {}

    public static Seeded seed(Catalog catalog, int productCount, long seed) {
        Random random = new Random(seed);
        List<Long> brands = new ArrayList<>();
        for (int i = 0; i < Math.min(BRANDS.size(), Math.max(3, productCount / 8)); i++) {
            brands.add(catalog.brands
                    .create(JSON.objectNode().put("name", BRANDS.get(i)))
                    .path("id")
                    .asLong());
        }
        Map<String, Long> categories = categories(catalog);
        List<Long> leaves = categories.entrySet().stream()
                .filter(e -> e.getKey().contains("/"))
                .map(Map.Entry::getValue)
                .toList();
        long channel = catalog.channels
                .create(JSON.objectNode()
                        .put("name", "Store B")
                        .put("type", "marketplace")
                        .put("platform", "storesync"))
                .path("id")
                .asLong();

        List<Long> products = new ArrayList<>();
        for (int n = 1; n <= productCount; n++) {
            ObjectNode body = product(n, random, brands, leaves, seed);
            ObjectNode created = catalog.products.create(body);
            long id = created.path("id").asLong();
            products.add(id);
            if (random.nextInt(4) == 0) {
                catalog.metafields.create(
                        id,
                        JSON.objectNode()
                                .put("namespace", "seed")
                                .put("key", "origin")
                                .put("value", random.nextBoolean() ? "PT" : "VN")
                                .put("permission_set", "read"));
            }
            list(catalog, channel, id, random);
        }
        return new Seeded(products, categories, brands, channel);
    }

    private static Map<String, Long> categories(Catalog catalog) {
        Map<String, Long> ids = new LinkedHashMap<>();
        ArrayNode tops = JSON.arrayNode();
        for (String name : List.of("Men", "Women", "Home")) {
            tops.add(JSON.objectNode().put("name", name).put("tree_id", 1));
        }
        for (JsonNode top : catalog.categories.createBatch(tops)) {
            ids.put(top.path("name").asText(), top.path("category_id").asLong());
        }
        Map<String, List<String>> children = Map.of(
                "Men", List.of("Shoes", "Accessories", "Sale"),
                "Women", List.of("Shoes", "Accessories", "Sale"),
                "Home", List.of("Kitchen", "Bath", "Accessories"));
        for (String parent : List.of("Men", "Women", "Home")) {
            ArrayNode batch = JSON.arrayNode();
            children.get(parent)
                    .forEach(child ->
                            batch.add(JSON.objectNode().put("name", child).put("parent_id", ids.get(parent))));
            for (JsonNode child : catalog.categories.createBatch(batch)) {
                ids.put(
                        parent + "/" + child.path("name").asText(),
                        child.path("category_id").asLong());
            }
        }
        return ids;
    }

    private static ObjectNode product(int n, Random random, List<Long> brands, List<Long> leaves, long seed) {
        String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + " " + NOUNS.get(random.nextInt(NOUNS.size()))
                + " " + n;
        String sku = "S" + Math.floorMod(seed, 1000) + "-" + n;
        if (n % 7 == 0) {
            sku = String.format(AWKWARD_SKUS.get((n / 7) % AWKWARD_SKUS.size()), sku);
        }
        ObjectNode body = JSON.objectNode()
                .put("name", name)
                .put("type", n % 11 == 0 ? "digital" : "physical")
                .put("sku", sku)
                .put("description", "<p>" + name + ", made to last.</p>")
                .put("price", price(random, 5, 200))
                .put("weight", price(random, 0, 5))
                .put("brand_id", brands.get(random.nextInt(brands.size())))
                .put("inventory_level", random.nextInt(100))
                .put("inventory_tracking", "product")
                .put("search_keywords", name.toLowerCase(Locale.ROOT).replace(' ', ','))
                .put("is_visible", random.nextInt(10) != 0);
        if (random.nextInt(5) == 0) {
            body.put("sale_price", body.path("price").asDouble() * 0.8);
        }
        ArrayNode categories = body.putArray("categories");
        categories.add(leaves.get(random.nextInt(leaves.size())));
        if (n % 3 == 0) {
            ArrayNode variants = body.putArray("variants");
            List<String> sizes = List.of("S", "M", "L");
            List<String> colours = random.nextBoolean() ? List.of("Natural", "Indigo") : List.of("Black");
            for (String size : sizes) {
                for (String colour : colours) {
                    ObjectNode variant = variants.addObject()
                            .put(
                                    "sku",
                                    sku + "-" + size + "-"
                                            + colour.substring(0, 3).toUpperCase(Locale.ROOT))
                            .put("inventory_level", random.nextInt(20));
                    if ("L".equals(size)) {
                        variant.put("price", body.path("price").asDouble() + 5);
                    }
                    ArrayNode values = variant.putArray("option_values");
                    values.addObject().put("option_display_name", "Size").put("label", size);
                    values.addObject().put("option_display_name", "Colour").put("label", colour);
                }
            }
        }
        ArrayNode images = body.putArray("images");
        int imageCount = 1 + random.nextInt(3);
        for (int k = 1; k <= imageCount; k++) {
            images.addObject()
                    .put("image_url", "https://images.example.com/seed/" + n + "-" + k + ".jpg")
                    .put("is_thumbnail", k == 1)
                    .put("sort_order", k - 1)
                    .put("description", name + " view " + k);
        }
        ArrayNode fields = body.putArray("custom_fields");
        if (random.nextBoolean()) {
            fields.addObject().put("name", "Material").put("value", ADJECTIVES.get(random.nextInt(ADJECTIVES.size())));
        }
        if (random.nextInt(3) == 0) {
            fields.addObject().put("name", "Care").put("value", "Wash at 30C");
        }
        // by number, not by draw: the catalog of a seed stays what it was
        if (n % 7 == 0) {
            body.putArray("bulk_pricing_rules")
                    .add(JSON.objectNode()
                            .put("quantity_min", 3)
                            .put("quantity_max", 0)
                            .put("type", "percent")
                            .put("amount", 5));
        }
        if (n % 9 == 0) {
            body.putArray("videos")
                    .add(JSON.objectNode()
                            .put("video_id", "seedvideo" + (n % 100))
                            .put("title", name));
        }
        return body;
    }

    /** Most products are listed on Store B's channel and active; some are disabled; some are not listed. */
    private static void list(Catalog catalog, long channel, long productId, Random random) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return;
        }
        String state = roll == 1 ? "disabled" : "active";
        ArrayNode variants = JSON.arrayNode();
        for (JsonNode variant :
                catalog.variants.list(productId, ListQuery.empty()).items()) {
            variants.addObject()
                    .put("product_id", productId)
                    .put("variant_id", variant.path("id").asLong())
                    .put("state", state);
        }
        ObjectNode listing = JSON.objectNode().put("product_id", productId).put("state", state);
        listing.set("variants", variants);
        catalog.channels.createListings(channel, JSON.arrayNode().add(listing));
    }

    private static double price(Random random, int min, int max) {
        return Math.round((min + random.nextDouble() * (max - min)) * 100) / 100.0;
    }
}
