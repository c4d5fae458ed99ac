package dev.storesync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.config.DeletePolicy;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.sandbox.catalog.Page;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How Store B differs from Store A, field by field, read straight from the two simulated catalogs. It is a second,
 * independent statement of what a sync must achieve (it shares nothing with the service's sync code): products by SKU
 * with their fields, brand by name, categories by path, availability by the channel rule, variants by SKU, options by
 * name, images by position and source, custom fields, metafields; the category tree by path; and products gone from
 * Store A as the delete policy says. An empty list means the stores match.
 */
public final class StoreComparison {
    /** Product fields a merchant sees and storesync copies. */
    static final List<String> PRODUCT_FIELDS = List.of(
            "name",
            "type",
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

    static final List<String> VARIANT_FIELDS = List.of(
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
            "bin_picking_number");

    static final List<String> CATEGORY_FIELDS = List.of(
            "description",
            "sort_order",
            "page_title",
            "meta_keywords",
            "meta_description",
            "is_visible",
            "search_keywords",
            "default_product_sort");

    private static final String INCLUDE = "variants,images,custom_fields,options,bulk_pricing_rules,videos";

    private final Catalog a;
    private final Catalog b;
    private final OptionalLong channel;
    private final DeletePolicy deletePolicy;
    private final boolean metafields;
    private final List<String> differences = new ArrayList<>();

    /**
     * @param channel Store A's channel that stands for Store B ({@code STORE_B_CHANNEL_ON_STORE_A}), if set
     * @param metafields whether to compare product metafields too
     */
    public StoreComparison(Catalog a, Catalog b, OptionalLong channel, DeletePolicy deletePolicy, boolean metafields) {
        this.a = a;
        this.b = b;
        this.channel = channel;
        this.deletePolicy = deletePolicy;
        this.metafields = metafields;
    }

    public List<String> differences() {
        differences.clear();
        Map<String, String> aPaths = categoryPaths(a);
        Map<String, String> bPaths = categoryPaths(b);
        compareCategories(aPaths, bPaths);
        Map<String, ObjectNode> aProducts = bySku(products(a));
        Map<String, ObjectNode> bProducts = bySku(products(b));
        aProducts.forEach((sku, product) -> {
            ObjectNode other = bProducts.get(sku);
            if (other == null) {
                differences.add("product " + quote(sku) + ": missing in Store B");
            } else {
                compareProduct(sku, product, other, aPaths, bPaths);
            }
        });
        bProducts.forEach((sku, product) -> {
            if (!aProducts.containsKey(sku)) {
                compareDeleted(sku, product);
            }
        });
        return List.copyOf(differences);
    }

    /** Store A's and Store B's sizes side by side, for the demo's summary. */
    public Map<String, long[]> counts() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        List<ObjectNode> aProducts = products(a);
        List<ObjectNode> bProducts = products(b);
        counts.put("products", new long[] {aProducts.size(), bProducts.size()});
        counts.put("variants", new long[] {count(aProducts, "variants"), count(bProducts, "variants")});
        counts.put("images", new long[] {count(aProducts, "images"), count(bProducts, "images")});
        counts.put("custom fields", new long[] {count(aProducts, "custom_fields"), count(bProducts, "custom_fields")});
        counts.put(
                "categories",
                new long[] {categoryPaths(a).size(), categoryPaths(b).size()});
        counts.put(
                "brands",
                new long[] {all(a.brands::list).size(), all(b.brands::list).size()});
        return counts;
    }

    private void compareProduct(
            String sku, ObjectNode a, ObjectNode b, Map<String, String> aPaths, Map<String, String> bPaths) {
        String what = "product " + quote(sku);
        List<String> fields = new ArrayList<>(PRODUCT_FIELDS);
        if (!"variant".equals(a.path("inventory_tracking").asText())) {
            fields.add("inventory_level");
            fields.add("inventory_warning_level");
        }
        fields.forEach(field -> same(what, field, a.get(field), b.get(field)));
        same(what, "brand", text(brandName(this.a, a)), text(brandName(this.b, b)));
        same(what, "categories", text(paths(a, aPaths)), text(paths(b, bPaths)));
        same(what, "availability", text(expectedAvailability(a)), b.get("availability"));
        compareOptions(what, a, b);
        compareVariants(what, a, b);
        compareImages(what, a, b);
        same(what, "custom fields", text(customFields(a)), text(customFields(b)));
        same(what, "bulk pricing rules", text(bulkPricingRules(a)), text(bulkPricingRules(b)));
        same(what, "videos", text(videos(a)), text(videos(b)));
        if (metafields) {
            same(
                    what,
                    "metafields",
                    text(metafields(this.a, a.path("id").asLong(), false)),
                    text(metafields(this.b, b.path("id").asLong(), true)));
        }
    }

    private void compareDeleted(String sku, ObjectNode product) {
        String what = "product " + quote(sku) + " (gone from Store A)";
        switch (deletePolicy) {
            case DELETE -> differences.add(what + ": still in Store B");
            case DISABLE -> {
                same(
                        what,
                        "is_visible",
                        text("false"),
                        text(product.path("is_visible").asText()));
                same(what, "availability", text("disabled"), product.get("availability"));
            }
            case IGNORE -> {
                // Store B keeps it as it was
            }
        }
    }

    private String expectedAvailability(ObjectNode product) {
        if (channel.isEmpty()) {
            return product.path("availability").asText();
        }
        long id = product.path("id").asLong();
        boolean listed = a
                .channels
                .listings(channel.getAsLong(), new ListQuery(Map.of("product_id:in", Long.toString(id))))
                .listings()
                .stream()
                .anyMatch(l -> "active".equals(l.path("state").asText()));
        if (!listed) {
            return "disabled";
        }
        return "preorder".equals(product.path("availability").asText()) ? "preorder" : "available";
    }

    private void compareOptions(String what, ObjectNode a, ObjectNode b) {
        same(what, "options", text(options(a)), text(options(b)));
    }

    private void compareVariants(String what, ObjectNode a, ObjectNode b) {
        boolean byVariant = "variant".equals(a.path("inventory_tracking").asText());
        Map<String, JsonNode> aVariants = variants(a);
        Map<String, JsonNode> bVariants = variants(b);
        same(
                what,
                "variant SKUs",
                text(aVariants.keySet().toString()),
                text(bVariants.keySet().toString()));
        aVariants.forEach((sku, variant) -> {
            JsonNode other = bVariants.get(sku);
            if (other == null) {
                return;
            }
            String where = what + " variant " + quote(sku);
            VARIANT_FIELDS.forEach(field -> same(where, field, variant.get(field), other.get(field)));
            if (byVariant) {
                same(where, "inventory_level", variant.get("inventory_level"), other.get("inventory_level"));
            }
            same(where, "option values", text(optionValues(variant)), text(optionValues(other)));
        });
    }

    private void compareImages(String what, ObjectNode a, ObjectNode b) {
        List<JsonNode> aImages = sortedImages(a);
        List<JsonNode> bImages = sortedImages(b);
        if (aImages.size() != bImages.size()) {
            differences.add(what + ": images: A has " + aImages.size() + ", B has " + bImages.size());
            return;
        }
        for (int i = 0; i < aImages.size(); i++) {
            JsonNode image = aImages.get(i);
            JsonNode other = bImages.get(i);
            String where = what + " image " + i;
            same(where, "description", image.get("description"), other.get("description"));
            same(where, "is_thumbnail", image.get("is_thumbnail"), other.get("is_thumbnail"));
            String source =
                    this.b.images.source(b.path("id").asLong(), other.path("id").asLong());
            // a resized copy (url_zoom is at most 1280×1280) is not the merchant's image
            String original = this.a.images.original(
                    a.path("id").asLong(), image.path("id").asLong());
            if (!source.equals(original)) {
                differences.add(
                        where + ": Store B's file came from " + source + ", not from Store A's original " + original);
            }
        }
    }

    private void compareCategories(Map<String, String> aPaths, Map<String, String> bPaths) {
        Map<String, ObjectNode> aByPath = categoriesByPath(a, aPaths);
        Map<String, ObjectNode> bByPath = categoriesByPath(b, bPaths);
        aByPath.forEach((path, category) -> {
            ObjectNode other = bByPath.get(path);
            String what = "category " + quote(path);
            if (other == null) {
                differences.add(what + ": missing in Store B");
                return;
            }
            CATEGORY_FIELDS.forEach(field -> same(what, field, category.get(field), other.get(field)));
            sameRehostedImage(
                    what,
                    category.path("image_url").asText(),
                    other.path("image_url").asText());
        });
        bByPath.forEach((path, category) -> {
            if (!aByPath.containsKey(path)) {
                String what = "category " + quote(path) + " (not in Store A)";
                switch (deletePolicy) {
                    case DELETE -> differences.add(what + ": still in Store B");
                    case DISABLE -> same(
                            what,
                            "is_visible",
                            text("false"),
                            text(category.path("is_visible").asText()));
                    case IGNORE -> {
                        // Store B keeps it as it was
                    }
                }
            }
        });
    }

    /**
     * A category's image is rehosted by each store on its own CDN: Store B's copy has its own address, whose file name
     * ends with the name of the Store A file it was made from.
     */
    private void sameRehostedImage(String what, String a, String b) {
        boolean same = a.isEmpty() ? b.isEmpty() : !b.isEmpty() && b.endsWith(a.substring(a.lastIndexOf('/') + 1));
        if (!same) {
            differences.add(what + ": image_url: A=" + a + " B=" + b);
        }
    }

    private void same(String what, String field, JsonNode expected, JsonNode actual) {
        if (!equal(expected, actual)) {
            differences.add(what + ": " + field + ": A=" + show(expected) + " B=" + show(actual));
        }
    }

    private static boolean equal(JsonNode a, JsonNode b) {
        boolean aEmpty = a == null || a.isNull() || a.isMissingNode();
        boolean bEmpty = b == null || b.isNull() || b.isMissingNode();
        if (aEmpty || bEmpty) {
            return aEmpty == bEmpty;
        }
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
        }
        return a.equals(b);
    }

    private static String show(JsonNode value) {
        return value == null ? "(none)" : value.toString();
    }

    private static JsonNode text(String value) {
        return value == null ? null : com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }

    private static String quote(String text) {
        return "'" + text + "'";
    }

    private static List<ObjectNode> products(Catalog catalog) {
        return all(query -> catalog.products.list(withParams(query, Map.of("include", INCLUDE))));
    }

    private static ListQuery withParams(ListQuery query, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(extra);
        query.names().forEach(name -> params.put(name, query.string(name).orElseThrow()));
        return new ListQuery(params);
    }

    /** Every item of a catalog listing, page by page. */
    private static List<ObjectNode> all(Function<ListQuery, Page<ObjectNode>> list) {
        List<ObjectNode> items = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<ObjectNode> result = list.apply(new ListQuery(Map.of("limit", "250", "page", Integer.toString(page))));
            items.addAll(result.items());
            if (page >= result.totalPages()) {
                return items;
            }
        }
    }

    private static Map<String, ObjectNode> bySku(List<ObjectNode> products) {
        Map<String, ObjectNode> bySku = new TreeMap<>();
        products.forEach(p -> bySku.put(p.path("sku").asText().toLowerCase(Locale.ROOT), p));
        return bySku;
    }

    private static long count(List<ObjectNode> products, String list) {
        return products.stream().mapToLong(p -> p.path(list).size()).sum();
    }

    private static String brandName(Catalog catalog, ObjectNode product) {
        long brand = product.path("brand_id").asLong();
        if (brand == 0) {
            return "(none)";
        }
        return all(catalog.brands::list).stream()
                .filter(b -> b.path("id").asLong() == brand)
                .map(b -> b.path("name").asText())
                .findFirst()
                .orElse("(missing brand " + brand + ")");
    }

    /** Every category of a catalog by id, as its path of names from the top: "Men/Shoes". */
    private static Map<String, String> categoryPaths(Catalog catalog) {
        Map<Long, ObjectNode> byId = new HashMap<>();
        all(catalog.categories::list)
                .forEach(c -> byId.put(c.path("category_id").asLong(), c));
        Map<String, String> paths = new TreeMap<>();
        byId.forEach((id, category) -> {
            List<String> names = new ArrayList<>();
            ObjectNode current = category;
            while (current != null && names.size() < 50) {
                names.add(0, current.path("name").asText());
                current = byId.get(current.path("parent_id").asLong());
            }
            paths.put(Long.toString(id), String.join("/", names));
        });
        return paths;
    }

    private static Map<String, ObjectNode> categoriesByPath(Catalog catalog, Map<String, String> paths) {
        Map<String, ObjectNode> byPath = new TreeMap<>();
        all(catalog.categories::list)
                .forEach(c -> byPath.put(paths.get(c.path("category_id").asText()), c));
        return byPath;
    }

    private static String paths(ObjectNode product, Map<String, String> paths) {
        TreeSet<String> names = new TreeSet<>();
        product.path("categories").forEach(id -> names.add(paths.getOrDefault(id.asText(), "(missing " + id + ")")));
        return names.toString();
    }

    private static String options(ObjectNode product) {
        Map<String, String> options = new TreeMap<>();
        for (JsonNode option : product.path("options")) {
            List<JsonNode> values = new ArrayList<>();
            option.path("option_values").forEach(values::add);
            values.sort((x, y) -> Integer.compare(
                    x.path("sort_order").asInt(), y.path("sort_order").asInt()));
            options.put(
                    option.path("display_name").asText(),
                    option.path("type").asText() + " "
                            + values.stream()
                                    .map(v -> v.path("label").asText()
                                            + (v.path("value_data").isObject()
                                                    ? v.path("value_data").toString()
                                                    : ""))
                                    .collect(Collectors.joining(", ", "[", "]")));
        }
        return options.toString();
    }

    private static Map<String, JsonNode> variants(ObjectNode product) {
        Map<String, JsonNode> variants = new TreeMap<>();
        for (JsonNode variant : product.path("variants")) {
            if (!variant.path("option_values").isEmpty()) {
                // variants made in the control panel may have no SKU: those are told apart by their values
                String sku = variant.path("sku").asText();
                variants.put(sku.isEmpty() ? "(no SKU: " + optionValues(variant) + ")" : sku, variant);
            }
        }
        return variants;
    }

    private static String optionValues(JsonNode variant) {
        TreeSet<String> values = new TreeSet<>();
        variant.path("option_values")
                .forEach(v -> values.add(v.path("option_display_name").asText() + ":"
                        + v.path("label").asText()));
        return values.toString();
    }

    private static List<JsonNode> sortedImages(ObjectNode product) {
        List<JsonNode> images = new ArrayList<>();
        product.path("images").forEach(images::add);
        images.sort(Comparator.comparingInt(
                        (JsonNode image) -> image.path("sort_order").asInt())
                .thenComparing(image -> image.path("description").asText()));
        return images;
    }

    private static String bulkPricingRules(ObjectNode product) {
        TreeSet<String> rules = new TreeSet<>();
        product.path("bulk_pricing_rules")
                .forEach(r -> rules.add(r.path("quantity_min").asLong() + ".."
                        + r.path("quantity_max").asLong() + " "
                        + r.path("type").asText() + " "
                        + r.path("amount").decimalValue().stripTrailingZeros().toPlainString()));
        return rules.toString();
    }

    private static String videos(ObjectNode product) {
        TreeSet<String> videos = new TreeSet<>();
        product.path("videos")
                .forEach(v -> videos.add(
                        v.path("video_id").asText() + " '" + v.path("title").asText() + "' '"
                                + v.path("description").asText() + "' #"
                                + v.path("sort_order").asInt()));
        return videos.toString();
    }

    private static String customFields(ObjectNode product) {
        List<String> fields = new ArrayList<>();
        product.path("custom_fields")
                .forEach(f -> fields.add(
                        f.path("name").asText() + "=" + f.path("value").asText()));
        fields.sort(null);
        return fields.toString();
    }

    /**
     * @param ownOnly Store B: only what the API's app (storesync) wrote there; other apps' metafields are theirs
     */
    private static String metafields(Catalog catalog, long product, boolean ownOnly) {
        TreeSet<String> metafields = new TreeSet<>();
        all(query -> catalog.metafields.list(product, query)).stream()
                .filter(m -> !ownOnly || m.path("owner_client_id").asText().equals(catalog.metafields.apiClient()))
                .forEach(m -> metafields.add(m.path("namespace").asText() + "/"
                        + m.path("key").asText() + "=" + m.path("value").asText() + " ("
                        + m.path("permission_set").asText() + ")"));
        return metafields.toString();
    }

    @Override
    public String toString() {
        return Objects.toString(differences);
    }
}
