package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Variant options and their values. Deleting an option deletes the variants built on it (each fires
 * {@code store/sku/deleted}); deleting one value deletes its variants and fires nothing, as BigCommerce does, which is
 * why only a reconcile can notice it.
 */
public final class Options {
    private static final Set<String> LIST_PARAMS = Set.of("include_fields", "exclude_fields", "page", "limit");

    private final CatalogState state;
    private Variants variants;

    Options(CatalogState state) {
        this.state = state;
    }

    void variants(Variants variants) {
        this.variants = variants;
    }

    public ObjectNode create(long productId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            if (body == null
                    || !body.path("display_name").isTextual()
                    || !body.has("type")
                    || !body.path("option_values").isArray()
                    || body.path("option_values").isEmpty()) {
                throw ApiException.invalid(Map.of(
                        "display_name", "is required", "type", "is required", "option_values", "need at least one"));
            }
            String displayName = body.get("display_name").asText();
            if (findByName(record, displayName) != null) {
                throw ApiException.conflict(
                        "An option with this display name already exists", "display_name", displayName);
            }
            ObjectNode option = newOption(record, displayName);
            Schemas.OPTION.apply(option, body, Set.of("option_values"));
            body.get("option_values").forEach(value -> checkValue(option, value, null));
            body.get("option_values").forEach(value -> addValue(option, value));
            record.options.add(option);
            productChanged(record);
            return option.deepCopy();
        }
    }

    public ObjectNode update(long productId, long optionId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode option = find(record, optionId);
            ObjectNode candidate = option.deepCopy();
            Schemas.OPTION.apply(candidate, body, Set.of("option_values"));
            String displayName = candidate.path("display_name").asText();
            ObjectNode sameName = findByName(record, displayName);
            if (sameName != null && sameName != option) {
                throw ApiException.conflict(
                        "An option with this display name already exists", "display_name", displayName);
            }
            for (JsonNode value : body.path("option_values")) {
                checkValue(option, value, value.has("id") ? value.path("id").asLong() : null);
            }
            ArrayNode values = (ArrayNode) option.get("option_values");
            candidate.set("option_values", values);
            option.setAll(candidate);
            variants.renameOptionValues(record, optionId, displayName, -1, null);
            for (JsonNode value : body.path("option_values")) {
                if (value.has("id")) {
                    updateValueIn(record, option, value.path("id").asLong(), value);
                } else {
                    addValue(option, value);
                }
            }
            productChanged(record);
            return option.deepCopy();
        }
    }

    public void delete(long productId, long optionId) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode option = find(record, optionId);
            for (ObjectNode variant : variants.using(record, optionId, null)) {
                variants.remove(record, variant);
                state.fire("store/sku/deleted", variants.skuEvent(record, variant));
            }
            record.options.remove(option);
            state.touch(record.product);
        }
    }

    public ObjectNode get(long productId, long optionId, ListQuery query) {
        synchronized (state.lock) {
            return Views.trim(find(state.product(productId), optionId), query, Schemas.OPTION, "id");
        }
    }

    public Page<ObjectNode> list(long productId, ListQuery query) {
        Views.refuseUnknown(query, LIST_PARAMS);
        synchronized (state.lock) {
            return Page.of(List.copyOf(state.product(productId).options), query.page(), query.limit())
                    .map(o -> Views.trim(o, query, Schemas.OPTION, "id"));
        }
    }

    public ObjectNode createValue(long productId, long optionId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode option = find(record, optionId);
            checkValue(option, body, null);
            ObjectNode value = addValue(option, body);
            productChanged(record);
            return value.deepCopy();
        }
    }

    public ObjectNode updateValue(long productId, long optionId, long valueId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode option = find(record, optionId);
            findValue(option, valueId);
            checkValue(option, body, valueId);
            ObjectNode value = updateValueIn(record, option, valueId, body);
            productChanged(record);
            return value.deepCopy();
        }
    }

    public void deleteValue(long productId, long optionId, long valueId) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode option = find(record, optionId);
            ObjectNode value = findValue(option, valueId);
            for (ObjectNode variant : variants.using(record, optionId, valueId)) {
                variants.remove(record, variant);
            }
            ArrayNode values = (ArrayNode) option.get("option_values");
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == value) {
                    values.remove(i);
                    break;
                }
            }
            state.touch(record.product);
        }
    }

    public ObjectNode getValue(long productId, long optionId, long valueId, ListQuery query) {
        synchronized (state.lock) {
            ObjectNode value = findValue(find(state.product(productId), optionId), valueId);
            return Views.trim(value, query, Schemas.OPTION_VALUE, "id");
        }
    }

    public Page<ObjectNode> listValues(long productId, long optionId, ListQuery query) {
        Views.refuseUnknown(query, LIST_PARAMS);
        synchronized (state.lock) {
            ObjectNode option = find(state.product(productId), optionId);
            List<ObjectNode> values = new java.util.ArrayList<>();
            option.get("option_values").forEach(v -> values.add((ObjectNode) v));
            return Page.of(values, query.page(), query.limit())
                    .map(v -> Views.trim(v, query, Schemas.OPTION_VALUE, "id"));
        }
    }

    /**
     * The option value a variant refers to, as a variant carries it ({@code id, label, option_id,
     * option_display_name}): by {@code id} (and {@code option_id}), or by {@code option_display_name} and
     * {@code label}, creating the option or value when the product has none by that name.
     */
    ObjectNode resolveValue(ProductRecord record, JsonNode ref) {
        ObjectNode option;
        ObjectNode value;
        if (ref.has("id")) {
            value = null;
            option = null;
            for (ObjectNode candidate : record.options) {
                for (JsonNode v : candidate.path("option_values")) {
                    if (v.path("id").asLong() == ref.path("id").asLong()
                            && (!ref.has("option_id")
                                    || candidate.path("id").asLong()
                                            == ref.path("option_id").asLong())) {
                        option = candidate;
                        value = (ObjectNode) v;
                    }
                }
            }
            if (value == null) {
                throw ApiException.invalid(
                        "option_values", "option value " + ref.path("id").asLong() + " does not exist");
            }
        } else if (ref.path("option_display_name").isTextual()
                && ref.path("label").isTextual()) {
            option = findByName(record, ref.get("option_display_name").asText());
            if (option == null) {
                option = newOption(record, ref.get("option_display_name").asText());
                record.options.add(option);
            }
            value = findLabel(option, ref.get("label").asText());
            if (value == null) {
                value = addValue(option, ((ObjectNode) ref.deepCopy()).retain("label"));
            }
        } else {
            throw ApiException.invalid(
                    "option_values", "each needs id and option_id, or option_display_name and label");
        }
        ObjectNode carried = value.deepCopy().retain("id", "label");
        carried.put("option_id", option.path("id").asLong());
        carried.put("option_display_name", option.path("display_name").asText());
        return carried;
    }

    private ObjectNode newOption(ProductRecord record, String displayName) {
        ObjectNode option = Schemas.OPTION.defaults();
        long id = state.nextId(CatalogState.Kind.OPTION);
        option.put("id", id);
        option.put("product_id", record.id());
        option.put("display_name", displayName);
        option.put("name", displayName + id);
        option.put("sort_order", record.options.size());
        return option;
    }

    private void checkValue(ObjectNode option, JsonNode body, Long self) {
        if (body == null
                || !body.isObject()
                || (self == null && !body.path("label").isTextual())) {
            throw ApiException.invalid("label", "is required");
        }
        Schemas.OPTION_VALUE.apply(Schemas.OPTION_VALUE.defaults(), body, Set.of());
        if (body.has("label")) {
            ObjectNode same = findLabel(option, body.get("label").asText());
            if (same != null && (self == null || same.path("id").asLong() != self)) {
                throw ApiException.invalid(
                        "label",
                        "the option already has a value labelled '"
                                + body.get("label").asText() + "'");
            }
        }
    }

    private ObjectNode addValue(ObjectNode option, JsonNode body) {
        ObjectNode value = Schemas.OPTION_VALUE.defaults();
        Schemas.OPTION_VALUE.apply(value, body, Set.of());
        value.put("id", state.nextId(CatalogState.Kind.OPTION_VALUE));
        if (!body.has("sort_order")) {
            value.put("sort_order", option.path("option_values").size());
        }
        ((ArrayNode) option.get("option_values")).add(value);
        return value;
    }

    private ObjectNode updateValueIn(ProductRecord record, ObjectNode option, long valueId, JsonNode body) {
        ObjectNode value = findValue(option, valueId);
        ObjectNode fields = body.deepCopy();
        fields.remove("id");
        Schemas.OPTION_VALUE.apply(value, fields, Set.of());
        variants.renameOptionValues(
                record,
                option.path("id").asLong(),
                null,
                valueId,
                value.path("label").asText());
        return value;
    }

    /** Option and value changes show as a product update, as in the BigCommerce control panel. */
    private void productChanged(ProductRecord record) {
        state.touch(record.product);
        state.fire("store/product/updated", Products.typed("product", record.id()));
    }

    private static ObjectNode find(ProductRecord record, long optionId) {
        return record.options.stream()
                .filter(o -> o.path("id").asLong() == optionId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("option"));
    }

    private static ObjectNode findByName(ProductRecord record, String displayName) {
        return record.options.stream()
                .filter(o -> o.path("display_name").asText().equalsIgnoreCase(displayName))
                .findFirst()
                .orElse(null);
    }

    private static ObjectNode findValue(ObjectNode option, long valueId) {
        for (JsonNode value : option.path("option_values")) {
            if (value.path("id").asLong() == valueId) {
                return (ObjectNode) value;
            }
        }
        throw ApiException.notFound("option value");
    }

    private static ObjectNode findLabel(ObjectNode option, String label) {
        for (JsonNode value : option.path("option_values")) {
            if (value.path("label").asText().equalsIgnoreCase(label)) {
                return (ObjectNode) value;
            }
        }
        return null;
    }
}
