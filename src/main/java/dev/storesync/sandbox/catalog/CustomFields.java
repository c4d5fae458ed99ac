package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Product custom fields ({@code name}, {@code value}); every change fires {@code store/product/updated}. */
public final class CustomFields {
    private static final Set<String> LIST_PARAMS = Set.of("include_fields", "exclude_fields", "page", "limit");

    private final CatalogState state;

    CustomFields(CatalogState state) {
        this.state = state;
    }

    public ObjectNode create(long productId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            checkNew(Views.arrayOf(body));
            ObjectNode field = add(record, body);
            changed(record);
            return field.deepCopy();
        }
    }

    public ObjectNode update(long productId, long fieldId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode field = find(record, fieldId);
            ObjectNode candidate = field.deepCopy();
            Schemas.CUSTOM_FIELD.apply(candidate, body, Set.of());
            field.setAll(candidate);
            changed(record);
            return field.deepCopy();
        }
    }

    public void delete(long productId, long fieldId) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            record.customFields.remove(find(record, fieldId));
            changed(record);
        }
    }

    public ObjectNode get(long productId, long fieldId, ListQuery query) {
        synchronized (state.lock) {
            return Views.trim(find(state.product(productId), fieldId), query, Schemas.CUSTOM_FIELD, "id");
        }
    }

    public Page<ObjectNode> list(long productId, ListQuery query) {
        Views.refuseUnknown(query, LIST_PARAMS);
        synchronized (state.lock) {
            return Page.of(List.copyOf(state.product(productId).customFields), query.page(), query.limit())
                    .map(f -> Views.trim(f, query, Schemas.CUSTOM_FIELD, "id"));
        }
    }

    void checkNew(JsonNode items) {
        if (items == null || items.isMissingNode() || items.isNull()) {
            return;
        }
        if (!items.isArray()) {
            throw ApiException.invalid("custom_fields", "must be an array");
        }
        for (JsonNode item : items) {
            if (item == null
                    || !item.path("name").isTextual()
                    || !item.path("value").isTextual()) {
                throw ApiException.invalid(Map.of("name", "is required", "value", "is required"));
            }
            Schemas.CUSTOM_FIELD.apply(Schemas.CUSTOM_FIELD.defaults(), item, Set.of());
        }
    }

    void checkUpdates(ProductRecord record, JsonNode items) {
        if (items == null || items.isMissingNode() || items.isNull()) {
            return;
        }
        for (JsonNode item : items) {
            if (item.has("id")) {
                find(record, item.path("id").asLong());
                Schemas.CUSTOM_FIELD.apply(Schemas.CUSTOM_FIELD.defaults(), item, Set.of());
            } else {
                checkNew(Views.arrayOf(item));
            }
        }
    }

    ObjectNode add(ProductRecord record, JsonNode body) {
        ObjectNode field = Schemas.CUSTOM_FIELD.defaults();
        Schemas.CUSTOM_FIELD.apply(field, body, Set.of());
        field.put("id", state.nextId(CatalogState.Kind.CUSTOM_FIELD));
        record.customFields.add(field);
        return field;
    }

    void upsert(ProductRecord record, JsonNode item) {
        if (item.has("id")) {
            ObjectNode field = find(record, item.path("id").asLong());
            ObjectNode fields = item.deepCopy();
            fields.remove("id");
            Schemas.CUSTOM_FIELD.apply(field, fields, Set.of());
        } else {
            add(record, item);
        }
    }

    private void changed(ProductRecord record) {
        state.touch(record.product);
        state.fire("store/product/updated", Products.typed("product", record.id()));
    }

    private static ObjectNode find(ProductRecord record, long fieldId) {
        return record.customFields.stream()
                .filter(f -> f.path("id").asLong() == fieldId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("custom field"));
    }
}
