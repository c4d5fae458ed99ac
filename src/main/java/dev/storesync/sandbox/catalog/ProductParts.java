package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A product's list of simple parts, each with its own id: answered with the product under {@code include=}, written with
 * the product's create, and managed one by one under {@code /catalog/products/{id}/...} (bulk pricing rules, videos).
 * Every change fires {@code store/product/updated}.
 */
public final class ProductParts {
    private static final Set<String> LIST_PARAMS = Set.of("include_fields", "exclude_fields", "page", "limit");

    /** What kind of part, its rules, and where a product keeps them. */
    record Kind(
            String name,
            String field,
            Schema schema,
            CatalogState.Kind ids,
            List<String> required,
            Function<ProductRecord, List<ObjectNode>> parts,
            BiConsumer<List<ObjectNode>, ObjectNode> check) {}

    private final CatalogState state;
    private final Kind kind;

    ProductParts(CatalogState state, Kind kind) {
        this.state = state;
        this.kind = kind;
    }

    public ObjectNode create(long productId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode part = add(record, body);
            changed(record);
            return part.deepCopy();
        }
    }

    public ObjectNode update(long productId, long partId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode part = find(record, partId);
            ObjectNode candidate = part.deepCopy();
            kind.schema().apply(candidate, body, Set.of());
            List<ObjectNode> others =
                    kind.parts().apply(record).stream().filter(p -> p != part).toList();
            kind.check().accept(others, candidate);
            part.setAll(candidate);
            changed(record);
            return part.deepCopy();
        }
    }

    public void delete(long productId, long partId) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            kind.parts().apply(record).remove(find(record, partId));
            changed(record);
        }
    }

    public ObjectNode get(long productId, long partId, ListQuery query) {
        synchronized (state.lock) {
            return Views.trim(find(state.product(productId), partId), query, kind.schema(), "id");
        }
    }

    public Page<ObjectNode> list(long productId, ListQuery query) {
        Views.refuseUnknown(query, LIST_PARAMS);
        synchronized (state.lock) {
            return Page.of(List.copyOf(kind.parts().apply(state.product(productId))), query.page(), query.limit())
                    .map(p -> Views.trim(p, query, kind.schema(), "id"));
        }
    }

    /** Checks the parts a product create carries, before anything is created. */
    void checkNew(JsonNode items) {
        if (items == null || items.isMissingNode() || items.isNull()) {
            return;
        }
        if (!items.isArray()) {
            throw ApiException.invalid(kind.field(), "must be an array");
        }
        List<ObjectNode> accepted = new java.util.ArrayList<>();
        for (JsonNode item : items) {
            ObjectNode probe = built(item);
            kind.check().accept(accepted, probe);
            accepted.add(probe);
        }
    }

    /** Adds a part without firing events (a product create fires its own). */
    ObjectNode add(ProductRecord record, JsonNode body) {
        ObjectNode part = built(body);
        kind.check().accept(kind.parts().apply(record), part);
        part.put("id", state.nextId(kind.ids()));
        if (kind.schema().declares("product_id")) {
            part.put("product_id", record.id());
        }
        kind.parts().apply(record).add(part);
        return part;
    }

    private ObjectNode built(JsonNode body) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (String field : kind.required()) {
            if (body == null || !body.has(field) || body.get(field).isNull()) {
                missing.put(field, "is required");
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.invalid(missing);
        }
        ObjectNode part = kind.schema().defaults();
        kind.schema().apply(part, body, Set.of());
        return part;
    }

    private void changed(ProductRecord record) {
        state.touch(record.product);
        state.fire("store/product/updated", Products.typed("product", record.id()));
    }

    private ObjectNode find(ProductRecord record, long partId) {
        return kind.parts().apply(record).stream()
                .filter(p -> p.path("id").asLong() == partId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound(kind.name()));
    }
}
