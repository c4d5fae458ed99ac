package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.CatalogState.SkuOwner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Variants. A product without options has one base variant that carries the product's SKU; the first variant with
 * option values replaces it. Webhooks as BigCommerce sends them: only {@code store/sku/*}, never
 * {@code store/product/updated}, for variant changes.
 */
public final class Variants {
    public static final int MAX_BATCH = 50;
    /**
     * DESIGN §11: the base variant of a product without options follows the product's price, weight and inventory
     * (and a change to them on the base variant changes the product).
     */
    static final List<String> BASE_FOLLOWS_PRODUCT = List.of("price", "weight", "inventory_level");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> LIST_PARAMS = Set.of("include_fields", "exclude_fields", "page", "limit");
    private static final Set<String> ALL_PARAMS =
            Set.of("id", "sku", "upc", "product_id:in", "include_fields", "exclude_fields", "page", "limit");

    private final CatalogState state;
    private final Options options;
    private Products products;

    Variants(CatalogState state, Options options) {
        this.state = state;
        this.options = options;
    }

    void products(Products products) {
        this.products = products;
    }

    /**
     * {@code POST /catalog/products/{id}/variants}. product-variants_catalog.v3.yml, createProductVariant: "To obtain
     * the {@code option_values} to include in this request, use the Create a product variant option endpoint": a new
     * variant of an existing product names existing values by {@code id} and {@code option_id} (names alone are
     * taken only by the create of a whole product, which makes the options; bigcommerce/api#56).
     */
    public ObjectNode create(long productId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            if (body == null || !body.isObject() || !body.path("sku").isTextual() || !body.has("option_values")) {
                throw ApiException.invalid(Map.of("sku", "is required", "option_values", "are required"));
            }
            for (JsonNode ref : body.path("option_values")) {
                if (!ref.path("id").isIntegralNumber() || !ref.path("option_id").isIntegralNumber()) {
                    throw ApiException.invalid(
                            "option_values",
                            "name each value by its id and option_id; create missing options and values with the"
                                    + " options endpoints first");
                }
            }
            return created(record, body, true);
        }
    }

    /**
     * What a merchant does in the control panel: adds a variant whose values are named by option and label (missing
     * ones are made), and whose SKU may be left empty; the API has no such call.
     */
    public ObjectNode createInDashboard(long productId, JsonNode body) {
        synchronized (state.lock) {
            return created(state.product(productId), body, false);
        }
    }

    private ObjectNode created(ProductRecord record, JsonNode body, boolean skuRequired) {
        synchronized (state.lock) {
            checkNew(record, JSON.arrayNode().add(body), skuRequired);
            ObjectNode variant = add(record, body);
            products.derive(record);
            state.touch(record.product);
            state.fire("store/sku/created", skuEvent(record, variant));
            return view(record, variant);
        }
    }

    public ObjectNode update(long productId, long variantId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode variant = find(record, variantId);
            if (body != null && body.has("option_values")) {
                // product-variants_catalog.v3.yml: productVariant_Put has no option_values; bigcommerce/api#56: "you
                // cannot update the option_values for a variant ... delete the variant and create a new one"
                throw ApiException.invalid(
                        "option_values", "a variant's option values cannot be changed; delete it and create it again");
            }
            if (body != null && body.has("sku") && body.path("sku").asText().isEmpty()) {
                // productVariant_Put: sku has minLength 1
                throw ApiException.invalid("sku", "must not be empty");
            }
            ObjectNode candidate = variant.deepCopy();
            Schemas.VARIANT.apply(candidate, body, Set.of());
            String oldSku = variant.path("sku").asText();
            String newSku = candidate.path("sku").asText();
            boolean base = variant == base(record);
            SkuOwner owner = base ? new SkuOwner(productId, 0) : new SkuOwner(productId, variantId);
            state.checkSkuFree(newSku, owner);
            long oldInventory = variant.path("inventory_level").asLong();
            boolean changed = !candidate.equals(variant);
            variant.setAll(candidate);
            if (!oldSku.equals(newSku)) {
                state.releaseSku(oldSku, owner);
                state.claimSku(newSku, owner);
                if (base) {
                    record.product.put("sku", newSku);
                }
            }
            if (base) {
                BASE_FOLLOWS_PRODUCT.stream()
                        .filter(candidate::has)
                        .forEach(field -> record.product.set(field, candidate.get(field)));
            }
            products.derive(record);
            if (changed) {
                state.touch(record.product);
                state.fire("store/sku/updated", skuEvent(record, variant));
                if (oldInventory != variant.path("inventory_level").asLong()) {
                    state.fire("store/sku/inventory/updated", skuInventoryEvent(record, variant));
                }
            }
            return view(record, variant);
        }
    }

    public void delete(long productId, long variantId) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode variant = find(record, variantId);
            remove(record, variant);
            state.touch(record.product);
            state.fire("store/sku/deleted", skuEvent(record, variant));
        }
    }

    public ObjectNode get(long productId, long variantId, ListQuery query) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            return Views.trim(view(record, find(record, variantId)), query, Schemas.VARIANT, "id");
        }
    }

    public Page<ObjectNode> list(long productId, ListQuery query) {
        Views.refuseUnknown(query, LIST_PARAMS);
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            return Page.of(List.copyOf(record.variants), query.page(), query.limit())
                    .map(v -> Views.trim(view(record, v), query, Schemas.VARIANT, "id"));
        }
    }

    /** {@code GET /catalog/variants}: variants of every product, filtered by id, SKU (any case), UPC or product. */
    public Page<ObjectNode> listAll(ListQuery query) {
        Views.refuseUnknown(query, ALL_PARAMS);
        synchronized (state.lock) {
            List<Long> productIds = query.ids("product_id:in");
            List<ObjectNode> all = new ArrayList<>();
            for (ProductRecord record : state.products.values()) {
                if (!productIds.isEmpty() && !productIds.contains(record.id())) {
                    continue;
                }
                for (ObjectNode variant : record.variants) {
                    boolean match = query.number("id")
                                    .map(id -> id == variant.path("id").asLong())
                                    .orElse(true)
                            && query.string("sku")
                                    .map(sku -> sku.equalsIgnoreCase(
                                            variant.path("sku").asText()))
                                    .orElse(true)
                            && query.string("upc")
                                    .map(upc -> upc.equals(variant.path("upc").asText()))
                                    .orElse(true);
                    if (match) {
                        all.add(Views.trim(view(record, variant), query, Schemas.VARIANT, "id"));
                    }
                }
            }
            return Page.of(all, query.page(), query.limit());
        }
    }

    /** {@code PUT /catalog/variants}: up to fifty variants, each with its {@code id}. */
    public List<ObjectNode> updateBatch(JsonNode items) {
        if (items == null || !items.isArray()) {
            throw ApiException.invalid("body", "must be an array of variants");
        }
        if (items.size() > MAX_BATCH) {
            throw new ApiException(413, "The request contains more than " + MAX_BATCH + " variants", Map.of());
        }
        synchronized (state.lock) {
            List<long[]> targets = new ArrayList<>();
            for (JsonNode item : items) {
                long id = item.path("id").asLong();
                ProductRecord owner = state.products.values().stream()
                        .filter(r ->
                                r.variants.stream().anyMatch(v -> v.path("id").asLong() == id))
                        .findFirst()
                        .orElseThrow(() -> ApiException.invalid("id", "variant " + id + " does not exist"));
                targets.add(new long[] {owner.id(), id});
            }
            List<ObjectNode> updated = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                ObjectNode fields = items.get(i).deepCopy();
                fields.remove(List.of("id", "product_id"));
                updated.add(update(targets.get(i)[0], targets.get(i)[1], fields));
            }
            return updated;
        }
    }

    /** Checks variants about to be added: each has a SKU no one has and that no other new variant repeats. */
    void checkNew(ProductRecord record, JsonNode items) {
        checkNew(record, items, true);
    }

    private void checkNew(ProductRecord record, JsonNode items, boolean skuRequired) {
        if (items == null || items.isMissingNode() || items.isNull()) {
            return;
        }
        if (!items.isArray()) {
            throw ApiException.invalid("variants", "must be an array");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode item : items) {
            ObjectNode probe = Schemas.VARIANT.defaults();
            Schemas.VARIANT.apply(probe, item, Set.of("option_values", "product_id"));
            String sku = item.path("sku").asText();
            if (sku.isEmpty()) {
                if (skuRequired) {
                    throw ApiException.invalid("sku", "each variant needs a SKU");
                }
                continue;
            }
            if (!seen.add(sku.toLowerCase(Locale.ROOT))
                    || sku.equalsIgnoreCase(record.product.path("sku").asText())) {
                throw ApiException.conflict("The SKU is a duplicate", "sku", "sku '" + sku + "' appears twice");
            }
            state.checkSkuFree(sku, new SkuOwner(record.id(), -1));
            if (!item.path("option_values").isArray()) {
                throw ApiException.invalid("option_values", "must be an array");
            }
        }
    }

    /** Adds a variant without firing events (product creation fires its own). */
    ObjectNode add(ProductRecord record, JsonNode item) {
        ArrayNode values = JSON.arrayNode();
        Set<Long> valueIds = new TreeSet<>();
        for (JsonNode ref : item.path("option_values")) {
            ObjectNode value = options.resolveValue(record, ref);
            values.add(value);
            valueIds.add(value.path("id").asLong());
        }
        for (ObjectNode other : record.variants) {
            if (!valueIds.isEmpty() && valueIds.equals(valueIds(other))) {
                throw ApiException.conflict(
                        "A variant with these option values already exists",
                        "option_values",
                        "variant " + other.path("id").asLong() + " has them");
            }
        }
        if (!values.isEmpty()) {
            ObjectNode base = base(record);
            if (base != null && base.path("option_values").isEmpty()) {
                record.variants.remove(base);
            }
        }
        ObjectNode variant = Schemas.VARIANT.defaults();
        Schemas.VARIANT.apply(variant, item, Set.of("option_values", "product_id"));
        long id = state.nextId(CatalogState.Kind.VARIANT);
        variant.put("id", id);
        variant.put("product_id", record.id());
        variant.put("sku_id", state.nextId(CatalogState.Kind.SKU));
        variant.set("option_values", values);
        state.claimSku(variant.path("sku").asText(), new SkuOwner(record.id(), id));
        record.variants.add(variant);
        return variant;
    }

    /** The base variant of a product without options: it answers with the product's SKU. */
    void addBase(ProductRecord record) {
        ObjectNode variant = Schemas.VARIANT.defaults();
        variant.put("id", state.nextId(CatalogState.Kind.VARIANT));
        variant.put("product_id", record.id());
        variant.put("sku", record.product.path("sku").asText());
        variant.put("sku_id", state.nextId(CatalogState.Kind.SKU));
        record.variants.add(variant);
    }

    /** Removes a variant (and its SKU) without firing events; a product left without any gets its base variant. */
    void remove(ProductRecord record, ObjectNode variant) {
        if (variant != base(record)) {
            state.releaseSku(
                    variant.path("sku").asText(),
                    new SkuOwner(record.id(), variant.path("id").asLong()));
        }
        record.variants.remove(variant);
        if (record.variants.isEmpty()) {
            addBase(record);
        }
        products.derive(record);
    }

    /** The base variant, when the product has no variants with option values; else null. */
    ObjectNode base(ProductRecord record) {
        return record.variants.size() == 1
                        && record.variants.get(0).path("option_values").isEmpty()
                ? record.variants.get(0)
                : null;
    }

    void derive(ProductRecord record, ObjectNode variant) {
        JsonNode product = record.product;
        double price = variant.path("price").isNull()
                ? product.path("calculated_price").asDouble()
                : variant.path("price").asDouble();
        double sale = variant.path("sale_price").asDouble();
        variant.put("calculated_price", sale > 0 ? sale : price);
        variant.put(
                "calculated_weight",
                variant.path("weight").isNull()
                        ? product.path("weight").asDouble()
                        : variant.path("weight").asDouble());
    }

    ObjectNode view(ProductRecord record, ObjectNode variant) {
        derive(record, variant);
        return variant.deepCopy();
    }

    /** Renames an option or value in every variant that carries it. */
    void renameOptionValues(ProductRecord record, long optionId, String displayName, long valueId, String label) {
        for (ObjectNode variant : record.variants) {
            for (JsonNode value : variant.path("option_values")) {
                ObjectNode v = (ObjectNode) value;
                if (displayName != null && v.path("option_id").asLong() == optionId) {
                    v.put("option_display_name", displayName);
                }
                if (label != null && v.path("id").asLong() == valueId) {
                    v.put("label", label);
                }
            }
        }
    }

    /** The variants that use an option (any of its values), or one value of it when {@code valueId} is given. */
    List<ObjectNode> using(ProductRecord record, long optionId, Long valueId) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode variant : record.variants) {
            for (JsonNode value : variant.path("option_values")) {
                boolean match = valueId == null
                        ? value.path("option_id").asLong() == optionId
                        : value.path("id").asLong() == valueId;
                if (match) {
                    found.add(variant);
                    break;
                }
            }
        }
        return found;
    }

    ObjectNode skuEvent(ProductRecord record, ObjectNode variant) {
        ObjectNode data = Products.typed("sku", variant.path("sku_id").asLong());
        data.putObject("sku")
                .put("product_id", record.id())
                .put("variant_id", variant.path("id").asLong());
        return data;
    }

    private ObjectNode skuInventoryEvent(ProductRecord record, ObjectNode variant) {
        ObjectNode data = Products.typed("sku", variant.path("sku_id").asLong());
        data.putObject("inventory")
                .put("product_id", record.id())
                .put("method", "absolute")
                .put("value", variant.path("inventory_level").asLong())
                .put("variant_id", variant.path("id").asLong());
        return data;
    }

    private static ObjectNode find(ProductRecord record, long variantId) {
        return record.variants.stream()
                .filter(v -> v.path("id").asLong() == variantId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("variant"));
    }

    private static Set<Long> valueIds(ObjectNode variant) {
        Set<Long> ids = new TreeSet<>();
        variant.path("option_values").forEach(v -> ids.add(v.path("id").asLong()));
        return ids;
    }
}
