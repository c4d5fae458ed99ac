package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.CatalogState.SkuOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Products: create (with variants, images and custom fields in the same request), read with {@code include=},
 * list with filters, paging and sorting, update, batch update and delete. Names are unique and SKUs are unique across
 * products and variants, both without regard to case (409).
 */
public final class Products {
    public static final int MAX_BATCH = 10;
    /** Products per page when a listing includes options or modifiers. */
    static final int HEAVY_INCLUDE_LIMIT = 10;

    static final Set<String> INCLUDES = Set.of(
            "variants",
            "images",
            "custom_fields",
            "bulk_pricing_rules",
            "primary_image",
            "modifiers",
            "options",
            "videos");
    private static final Set<String> FILTERS = Set.of(
            "id",
            "id:in",
            "id:not_in",
            "id:min",
            "id:max",
            "id:greater",
            "id:less",
            "name",
            "sku",
            "sku:in",
            "date_modified",
            "date_modified:min",
            "date_modified:max",
            "availability",
            "brand_id",
            "categories",
            "categories:in",
            "is_visible",
            "is_featured",
            "type",
            "condition",
            "keyword",
            "price",
            "inventory_level",
            "include",
            "include_fields",
            "exclude_fields",
            "page",
            "limit",
            "sort",
            "direction");
    private static final Set<String> CREATE_EXTRAS =
            Set.of("brand_name", "variants", "images", "custom_fields", "bulk_pricing_rules", "videos");
    private static final Set<String> UPDATE_EXTRAS = Set.of("brand_name", "images", "custom_fields");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final CatalogState state;
    private final Variants variants;
    private final Images images;
    private final CustomFields customFields;
    private final Brands brands;

    private final ProductParts bulkPricingRules;
    private final ProductParts videos;

    Products(
            CatalogState state,
            Variants variants,
            Images images,
            CustomFields customFields,
            Brands brands,
            ProductParts bulkPricingRules,
            ProductParts videos) {
        this.state = state;
        this.variants = variants;
        this.images = images;
        this.customFields = customFields;
        this.brands = brands;
        this.bulkPricingRules = bulkPricingRules;
        this.videos = videos;
    }

    public ObjectNode create(JsonNode body) {
        return create(body, new LinkedHashMap<>());
    }

    /**
     * @param refused filled with what could not be saved while the rest was (the API answers 207 Multi-Status for it)
     */
    public ObjectNode create(JsonNode body, Map<String, String> refused) {
        synchronized (state.lock) {
            Map<String, String> missing = new LinkedHashMap<>();
            for (String required : List.of("name", "type", "weight", "price")) {
                if (body == null || !body.has(required)) {
                    missing.put(required, "is required");
                }
            }
            if (!missing.isEmpty()) {
                throw ApiException.invalid(missing);
            }
            ObjectNode product = Schemas.PRODUCT.defaults();
            Schemas.PRODUCT.apply(product, body, CREATE_EXTRAS);
            long id = state.nextId(CatalogState.Kind.PRODUCT);
            product.put("id", id);
            checkReferences(product, body, id);
            ProductRecord record = new ProductRecord(product);
            JsonNode variantItems = body.path("variants");
            variants.checkNew(record, variantItems);
            images.checkNew(body.path("images"));
            customFields.checkNew(body.path("custom_fields"));
            bulkPricingRules.checkNew(body.path("bulk_pricing_rules"));
            videos.checkNew(body.path("videos"));

            resolveBrandName(product, body);
            product.put("date_created", state.now());
            state.touch(product);
            if (!product.path("custom_url").path("is_customized").asBoolean()) {
                ((ObjectNode) product.get("custom_url"))
                        .put("url", uniqueUrl(product.path("name").asText(), id));
            }
            keepUrlUnlessTaken(product, body, null, refused);
            state.claimSku(product.path("sku").asText(), new SkuOwner(id, 0));
            state.products.put(id, record);
            if (variantItems.isArray() && !variantItems.isEmpty()) {
                variantItems.forEach(item -> variants.add(record, item));
            } else {
                variants.addBase(record);
            }
            body.path("images").forEach(item -> images.add(record, item));
            body.path("custom_fields").forEach(item -> customFields.add(record, item));
            body.path("bulk_pricing_rules").forEach(item -> bulkPricingRules.add(record, item));
            body.path("videos").forEach(item -> videos.add(record, item));
            derive(record);
            state.fire("store/product/created", typed("product", id));
            return product;
        }
    }

    public ObjectNode update(long id, JsonNode body) {
        return update(id, body, new LinkedHashMap<>());
    }

    /**
     * @param refused filled with what could not be saved while the rest was (the API answers 207 Multi-Status for it)
     */
    public ObjectNode update(long id, JsonNode body, Map<String, String> refused) {
        synchronized (state.lock) {
            ProductRecord record = state.product(id);
            ObjectNode candidate = record.product.deepCopy();
            Schemas.PRODUCT.apply(candidate, body, UPDATE_EXTRAS);
            checkReferences(candidate, body, id);
            keepUrlUnlessTaken(candidate, body, record.product, refused);
            images.checkUpdates(record, body.path("images"));
            customFields.checkUpdates(record, body.path("custom_fields"));

            resolveBrandName(candidate, body);
            String oldSku = record.product.path("sku").asText();
            String newSku = candidate.path("sku").asText();
            long oldInventory = record.product.path("inventory_level").asLong();
            boolean subResources = body.has("images") || body.has("custom_fields");
            boolean changed = !candidate.equals(record.product) || subResources;
            record.product.setAll(candidate);
            if (!oldSku.equals(newSku)) {
                state.releaseSku(oldSku, new SkuOwner(id, 0));
                state.claimSku(newSku, new SkuOwner(id, 0));
            }
            body.path("images").forEach(item -> images.upsert(record, item));
            body.path("custom_fields").forEach(item -> customFields.upsert(record, item));
            derive(record);
            if (changed) {
                state.touch(record.product);
                state.fire("store/product/updated", typed("product", id));
                if (oldInventory != record.product.path("inventory_level").asLong()) {
                    state.fire("store/product/inventory/updated", inventory(record));
                }
            }
            return record.product;
        }
    }

    /** {@code PUT /catalog/products}: up to ten products, each with its {@code id}. */
    public List<ObjectNode> updateBatch(JsonNode items) {
        return updateBatch(items, new LinkedHashMap<>());
    }

    /**
     * @param refused what could not be saved while the rest was, keyed {@code <product id>.<field>} (the specs leave
     *     the keys of a batch's 207 open; naming the product is the strict reading)
     */
    public List<ObjectNode> updateBatch(JsonNode items, Map<String, String> refused) {
        if (items == null || !items.isArray()) {
            throw ApiException.invalid("body", "must be an array of products");
        }
        if (items.size() > MAX_BATCH) {
            throw new ApiException(413, "The request contains more than " + MAX_BATCH + " products", Map.of());
        }
        synchronized (state.lock) {
            for (JsonNode item : items) {
                if (!item.path("id").canConvertToLong() || !item.path("id").isIntegralNumber()) {
                    throw ApiException.invalid("id", "each product needs its id");
                }
                state.product(item.path("id").asLong());
            }
            List<ObjectNode> updated = new ArrayList<>();
            for (JsonNode item : items) {
                ObjectNode fields = item.deepCopy();
                fields.remove("id");
                Map<String, String> refusedHere = new LinkedHashMap<>();
                updated.add(update(item.path("id").asLong(), fields, refusedHere));
                refusedHere.forEach((field, why) -> refused.put(item.path("id").asLong() + "." + field, why));
            }
            return updated;
        }
    }

    public void delete(long id) {
        synchronized (state.lock) {
            ProductRecord record = state.product(id);
            state.releaseSku(record.product.path("sku").asText(), new SkuOwner(id, 0));
            record.variants.forEach(v -> state.releaseSku(
                    v.path("sku").asText(), new SkuOwner(id, v.path("id").asLong())));
            state.products.remove(id);
            state.assignments.removeIf(a -> a.productId() == id);
            state.listings.values().removeIf(l -> l.path("product_id").asLong() == id);
            state.fire("store/product/deleted", typed("product", id));
        }
    }

    /** {@code DELETE /catalog/products?id:in=...}: deletes those that exist. */
    public void deleteMany(List<Long> ids) {
        if (ids.isEmpty()) {
            throw ApiException.invalid("id:in", "name the products to delete");
        }
        synchronized (state.lock) {
            ids.stream().filter(state.products::containsKey).forEach(this::delete);
        }
    }

    public ObjectNode get(long id, ListQuery query) {
        synchronized (state.lock) {
            return view(state.product(id), query);
        }
    }

    public Page<ObjectNode> list(ListQuery query) {
        Views.refuseUnknown(query, FILTERS);
        synchronized (state.lock) {
            List<ProductRecord> matching = state.products.values().stream()
                    .filter(filter(query))
                    .sorted(order(query))
                    .toList();
            return Page.of(matching, query.page(), limit(query)).map(r -> view(r, query));
        }
    }

    /**
     * products_catalog.v3.yml, GET /catalog/products, parameter {@code include} (IncludeParamGetProducts): "When you
     * specify {@code options} or {@code modifiers}, results are limited to 10 per page" — whatever {@code limit} asks,
     * and {@code meta.pagination} says so ({@code per_page} 10, {@code total_pages} counted by 10).
     */
    private static int limit(ListQuery query) {
        Set<String> include = query.set("include");
        boolean heavy = include.contains("options") || include.contains("modifiers");
        return heavy ? Math.min(query.limit(), HEAVY_INCLUDE_LIMIT) : query.limit();
    }

    /** A product as answered: its fields (trimmed by include_fields / exclude_fields) plus what include= asks for. */
    ObjectNode view(ProductRecord record, ListQuery query) {
        Set<String> include = query.set("include");
        for (String name : include) {
            if (!INCLUDES.contains(name)) {
                throw ApiException.invalid("include", "unknown value '" + name + "'");
            }
        }
        ObjectNode view = Views.trim(record.product, query, Schemas.PRODUCT, "id");
        if (include.contains("variants")) {
            ArrayNode list = view.putArray("variants");
            record.variants.forEach(v -> list.add(variants.view(record, v)));
        }
        if (include.contains("images")) {
            ArrayNode list = view.putArray("images");
            record.images.forEach(i -> list.add(i.image().deepCopy()));
        }
        if (include.contains("primary_image")) {
            record.images.stream()
                    .filter(i -> i.image().path("is_thumbnail").asBoolean())
                    .findFirst()
                    .ifPresent(i -> view.set("primary_image", i.image().deepCopy()));
        }
        if (include.contains("custom_fields")) {
            ArrayNode list = view.putArray("custom_fields");
            record.customFields.forEach(c -> list.add(c.deepCopy()));
        }
        if (include.contains("options")) {
            ArrayNode list = view.putArray("options");
            record.options.forEach(o -> list.add(o.deepCopy()));
        }
        if (include.contains("bulk_pricing_rules")) {
            ArrayNode list = view.putArray("bulk_pricing_rules");
            record.bulkPricingRules.forEach(r -> list.add(r.deepCopy()));
        }
        if (include.contains("videos")) {
            ArrayNode list = view.putArray("videos");
            record.videos.forEach(v -> list.add(v.deepCopy()));
        }
        if (include.contains("modifiers")) {
            view.putArray("modifiers");
        }
        return view;
    }

    /** Keeps the fields derived from others in step: calculated price, base variant, the base variant's SKU. */
    void derive(ProductRecord record) {
        ObjectNode product = record.product;
        double sale = product.path("sale_price").asDouble();
        product.put("calculated_price", sale > 0 ? sale : product.path("price").asDouble());
        ObjectNode base = variants.base(record);
        if (base == null) {
            product.putNull("base_variant_id");
        } else {
            product.put("base_variant_id", base.path("id").asLong());
            base.put("sku", product.path("sku").asText());
            Variants.BASE_FOLLOWS_PRODUCT.forEach(field -> base.set(field, product.get(field)));
        }
        record.variants.forEach(v -> variants.derive(record, v));
    }

    private void checkReferences(ObjectNode candidate, JsonNode body, long self) {
        String name = candidate.path("name").asText();
        if (name.isBlank()) {
            throw ApiException.invalid("name", "must not be empty");
        }
        state.products.values().stream()
                .filter(r -> r.id() != self)
                .filter(r -> r.product.path("name").asText().equalsIgnoreCase(name))
                .findFirst()
                .ifPresent(r -> {
                    throw ApiException.conflict(
                            "The product name is a duplicate",
                            "name",
                            "product " + r.id() + " is named '" + name + "'");
                });
        state.checkSkuFree(candidate.path("sku").asText(), new SkuOwner(self, 0));
        long brand = candidate.path("brand_id").asLong();
        if (brand != 0 && !state.brands.containsKey(brand) && !body.has("brand_name")) {
            throw ApiException.invalid("brand_id", "brand " + brand + " does not exist");
        }
        for (JsonNode category : candidate.path("categories")) {
            if (!state.categories.containsKey(category.asLong())) {
                throw ApiException.invalid("categories", "category " + category.asLong() + " does not exist");
            }
        }
        if (body.has("brand_name") && !body.get("brand_name").isTextual()) {
            throw ApiException.invalid("brand_name", "must be a string");
        }
    }

    /** {@code brand_name}: the brand of that name (any case), created when there is none. */
    private void resolveBrandName(ObjectNode product, JsonNode body) {
        if (body.hasNonNull("brand_name") && !body.get("brand_name").asText().isBlank()) {
            product.put("brand_id", brands.findOrCreate(body.get("brand_name").asText()));
        }
    }

    /**
     * products_catalog.v3.yml, POST /catalog/products, PUT /catalog/products/{product_id} and PUT /catalog/products, 207:
     * "the product information was updated successfully, but ... saving the URL failed. ... check that the URL ... is
     * not taken by any other entity." A custom URL that another product, a category or a brand has is not saved (the
     * product keeps the URL it had, a new one gets its generated URL); everything else is.
     */
    private void keepUrlUnlessTaken(
            ObjectNode candidate, JsonNode body, ObjectNode current, Map<String, String> refused) {
        if (!body.path("custom_url").has("url")) {
            return;
        }
        String url = candidate.path("custom_url").path("url").asText();
        long self = candidate.path("id").asLong();
        Optional<String> owner = urlOwner(url, self);
        if (owner.isEmpty()) {
            return;
        }
        ObjectNode kept = current != null
                ? current.path("custom_url").deepCopy()
                : JSON.objectNode()
                        .put("url", uniqueUrl(candidate.path("name").asText(), self))
                        .put("is_customized", false);
        candidate.set("custom_url", kept);
        refused.put("custom_url", "The URL " + url + " is taken by " + owner.get());
    }

    /** Who else has this URL: another product, a category or a brand. */
    private Optional<String> urlOwner(String url, long self) {
        Optional<String> product = state.products.values().stream()
                .filter(r -> r.id() != self
                        && url.equalsIgnoreCase(
                                r.product.path("custom_url").path("url").asText()))
                .findFirst()
                .map(r -> "product " + r.id());
        Optional<String> category = state.categories.values().stream()
                .filter(c -> url.equalsIgnoreCase(c.path("url").path("path").asText()))
                .findFirst()
                .map(c -> "category " + c.path("category_id").asLong());
        Optional<String> brand = state.brands.values().stream()
                .filter(b ->
                        url.equalsIgnoreCase(b.path("custom_url").path("url").asText()))
                .findFirst()
                .map(b -> "brand " + b.path("id").asLong());
        return product.or(() -> category).or(() -> brand);
    }

    private String uniqueUrl(String name, long self) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        String url = "/" + (slug.isEmpty() ? "product" : slug) + "/";
        int suffix = 1;
        while (urlTaken(url, self)) {
            url = "/" + slug + "-" + suffix++ + "/";
        }
        return url;
    }

    private boolean urlTaken(String url, long self) {
        return state.products.values().stream()
                .anyMatch(r -> r.id() != self
                        && url.equals(r.product.path("custom_url").path("url").asText()));
    }

    private Predicate<ProductRecord> filter(ListQuery query) {
        List<Predicate<ProductRecord>> tests = new ArrayList<>();
        query.number("id").ifPresent(id -> tests.add(r -> r.id() == id));
        List<Long> in = query.ids("id:in");
        if (!in.isEmpty()) {
            tests.add(r -> in.contains(r.id()));
        }
        List<Long> notIn = query.ids("id:not_in");
        tests.add(r -> !notIn.contains(r.id()));
        query.number("id:min").ifPresent(min -> tests.add(r -> r.id() >= min));
        query.number("id:max").ifPresent(max -> tests.add(r -> r.id() <= max));
        query.number("id:greater").ifPresent(min -> tests.add(r -> r.id() > min));
        query.number("id:less").ifPresent(max -> tests.add(r -> r.id() < max));
        query.string("name").ifPresent(name -> tests.add(r -> text(r, "name").equalsIgnoreCase(name)));
        query.string("sku").ifPresent(sku -> tests.add(r -> text(r, "sku").equalsIgnoreCase(sku)));
        List<String> skus = query.strings("sku:in").stream()
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
        if (query.string("sku:in").isPresent()) {
            tests.add(r -> skus.contains(text(r, "sku").toLowerCase(Locale.ROOT)));
        }
        query.dateTime("date_modified")
                .ifPresent(at -> tests.add(r -> modified(r).equals(at)));
        query.dateTime("date_modified:min")
                .ifPresent(at -> tests.add(r -> !modified(r).isBefore(at)));
        query.dateTime("date_modified:max")
                .ifPresent(at -> tests.add(r -> !modified(r).isAfter(at)));
        query.string("availability")
                .ifPresent(a -> tests.add(r -> text(r, "availability").equals(a)));
        query.string("type").ifPresent(t -> tests.add(r -> text(r, "type").equals(t)));
        query.string("condition")
                .ifPresent(c -> tests.add(r -> text(r, "condition").equals(c)));
        query.number("brand_id")
                .ifPresent(b -> tests.add(r -> r.product.path("brand_id").asLong() == b));
        query.bool("is_visible")
                .ifPresent(v -> tests.add(r -> r.product.path("is_visible").asBoolean() == v));
        query.number("is_featured")
                .ifPresent(v -> tests.add(r -> r.product.path("is_featured").asBoolean() == (v == 1)));
        query.decimal("price")
                .ifPresent(p -> tests.add(r -> r.product.path("price").asDouble() == p));
        query.number("inventory_level")
                .ifPresent(l -> tests.add(r -> r.product.path("inventory_level").asLong() == l));
        query.number("categories").ifPresent(c -> tests.add(r -> categories(r).contains(c)));
        List<Long> anyCategory = query.ids("categories:in");
        if (!anyCategory.isEmpty()) {
            tests.add(r -> categories(r).stream().anyMatch(anyCategory::contains));
        }
        query.string("keyword").map(k -> k.toLowerCase(Locale.ROOT)).ifPresent(k -> tests.add(r -> keywordMatch(r, k)));
        return tests.stream().reduce(r -> true, Predicate::and);
    }

    private static boolean keywordMatch(ProductRecord record, String keyword) {
        return List.of("name", "sku", "search_keywords", "description").stream()
                .anyMatch(field -> text(record, field).toLowerCase(Locale.ROOT).contains(keyword));
    }

    private static Comparator<ProductRecord> order(ListQuery query) {
        String sort = query.string("sort").orElse("id");
        Comparator<ProductRecord> comparator =
                switch (sort) {
                    case "id" -> Comparator.comparingLong(ProductRecord::id);
                    case "name", "sku" -> Comparator.comparing(
                            r -> text(r, sort).toLowerCase(Locale.ROOT));
                    case "price", "calculated_price" -> Comparator.comparingDouble(
                            r -> r.product.path(sort).asDouble());
                    case "inventory_level", "total_sold" -> Comparator.comparingLong(
                            r -> r.product.path(sort).asLong());
                    case "is_visible" -> Comparator.comparing(
                            r -> r.product.path(sort).asBoolean());
                    case "date_modified" -> Comparator.comparing(Products::modified);
                    default -> throw ApiException.invalid("sort", "cannot sort products by '" + sort + "'");
                };
        comparator = comparator.thenComparingLong(ProductRecord::id);
        String direction = query.string("direction").orElse("asc");
        return switch (direction) {
            case "asc" -> comparator;
            case "desc" -> comparator.reversed();
            default -> throw ApiException.invalid("direction", "must be asc or desc");
        };
    }

    private static String text(ProductRecord record, String field) {
        return record.product.path(field).asText();
    }

    private static Instant modified(ProductRecord record) {
        return CatalogState.parseDateTime(text(record, "date_modified"));
    }

    private static List<Long> categories(ProductRecord record) {
        List<Long> ids = new ArrayList<>();
        record.product.path("categories").forEach(c -> ids.add(c.asLong()));
        return ids;
    }

    static ObjectNode typed(String type, long id) {
        return JSON.objectNode().put("type", type).put("id", id);
    }

    private static ObjectNode inventory(ProductRecord record) {
        ObjectNode data = typed("product", record.id());
        data.putObject("inventory")
                .put("product_id", record.id())
                .put("method", "absolute")
                .put("value", record.product.path("inventory_level").asLong());
        return data;
    }
}
