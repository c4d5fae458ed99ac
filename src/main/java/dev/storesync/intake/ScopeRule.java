package dev.storesync.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.web.HttpProblem;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which resource a webhook scope is about, and where in {@code data} its Store A id is. A SKU, inventory, metafield
 * or channel-assignment event is about its product: storesync always syncs the whole product.
 */
record ScopeRule(Pattern scope, String resourceType, IdReader idReader) {
    static final String PRODUCT = "product";
    static final String CATEGORY = "category";
    static final int MAX_ID = Integer.MAX_VALUE;

    /** Reads and validates the resource id from the payload's {@code data}; throws a 400 naming the bad field. */
    @FunctionalInterface
    interface IdReader {
        long read(JsonNode data);
    }

    static final List<ScopeRule> ALL = List.of(
            rule("store/product/(created|updated|deleted)", PRODUCT, data -> typedId(data, "product")),
            rule("store/product/inventory/(order/)?updated", PRODUCT, data -> typedId(data, "product")),
            rule("store/product/metafield/(created|updated|deleted)", PRODUCT, ScopeRule::metafieldResource),
            rule("store/sku/(created|updated|deleted)", PRODUCT, data -> skuProduct(data, "sku")),
            rule("store/sku/inventory/(order/)?updated", PRODUCT, data -> skuProduct(data, "inventory")),
            rule("store/category/(created|updated|deleted)", CATEGORY, data -> typedId(data, "category")),
            rule("store/channel/[1-9][0-9]{0,9}/product/(assigned|unassigned)", PRODUCT, ScopeRule::channelProduct));

    static Optional<ScopeRule> forScope(String scope) {
        return ALL.stream().filter(rule -> rule.scope.matcher(scope).matches()).findFirst();
    }

    private static ScopeRule rule(String regex, String resourceType, IdReader reader) {
        return new ScopeRule(Pattern.compile(regex), resourceType, reader);
    }

    private static long typedId(JsonNode data, String expectedType) {
        JsonNode type = data.get("type");
        if (type == null || !type.isTextual() || !expectedType.equals(type.asText())) {
            throw HttpProblem.badRequest("data.type must be \"" + expectedType + "\" for this scope");
        }
        return positiveId(data, "id", "data.id");
    }

    private static long skuProduct(JsonNode data, String holder) {
        typedId(data, "sku");
        JsonNode sku = data.get(holder);
        if (sku == null || !sku.isObject()) {
            throw HttpProblem.badRequest("data." + holder + " must be an object with product_id");
        }
        if (sku.has("variant_id")) {
            positiveId(sku, "variant_id", "data." + holder + ".variant_id");
        }
        return positiveId(sku, "product_id", "data." + holder + ".product_id");
    }

    private static long metafieldResource(JsonNode data) {
        JsonNode resource = data.get("resource_id");
        if (resource != null && resource.isTextual() && resource.asText().matches("[1-9][0-9]{0,9}")) {
            long id = Long.parseLong(resource.asText());
            if (id <= MAX_ID) {
                return id;
            }
        }
        throw HttpProblem.badRequest("data.resource_id must be a product id as a string of digits");
    }

    private static long channelProduct(JsonNode data) {
        if (data.has("product_id")) {
            return positiveId(data, "product_id", "data.product_id");
        }
        return typedId(data, "product");
    }

    static long positiveId(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            long id = node.asLong();
            if (id >= 1 && id <= MAX_ID) {
                return id;
            }
        }
        throw HttpProblem.badRequest(path + " must be a positive integer up to " + MAX_ID);
    }
}
