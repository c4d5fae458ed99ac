package dev.storesync.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A product variant: one combination of option values, or the base variant of a product without options (no option
 * values, the product's SKU). {@code fields} is the variant as answered, for comparing and copying by name.
 */
public record Variant(long id, long productId, String sku, List<OptionValueRef> optionValues, ObjectNode fields) {

    public Variant {
        optionValues = List.copyOf(optionValues);
    }

    /** One option value of a variant: the option's display name and the value's label, with their ids. */
    public record OptionValueRef(long id, long optionId, String optionDisplayName, String label) {}

    public static Variant from(JsonNode node) {
        ObjectNode fields = node.deepCopy();
        fields.remove("option_values");
        return new Variant(
                node.path("id").asLong(),
                node.path("product_id").asLong(),
                node.path("sku").asText(""),
                Product.list(
                        node.path("option_values"), n -> BigCommerceClient.JSON.convertValue(n, OptionValueRef.class)),
                fields);
    }

    public boolean isBase() {
        return optionValues.isEmpty();
    }
}
