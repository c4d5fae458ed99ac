package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Product metafields, unique per product by namespace and key (409). Changes fire
 * {@code store/product/metafield/created|updated|deleted}.
 */
public final class Metafields {
    private static final Set<String> LIST_PARAMS =
            Set.of("key", "namespace", "key:in", "namespace:in", "include_fields", "exclude_fields", "page", "limit");

    private final CatalogState state;
    private final String clientId;

    Metafields(CatalogState state, String clientId) {
        this.state = state;
        this.clientId = clientId;
    }

    public ObjectNode create(long productId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            Map<String, String> missing = new LinkedHashMap<>();
            for (String required : List.of("key", "value", "namespace", "permission_set")) {
                if (body == null || !body.path(required).isTextual()) {
                    missing.put(required, "is required");
                }
            }
            if (!missing.isEmpty()) {
                throw ApiException.invalid(missing);
            }
            ObjectNode metafield = Schemas.METAFIELD.defaults();
            Schemas.METAFIELD.apply(metafield, body, Set.of());
            checkUnique(record, metafield, -1);
            metafield.put("id", state.nextId(CatalogState.Kind.METAFIELD));
            metafield.put("resource_type", "product");
            metafield.put("resource_id", productId);
            metafield.put("date_created", state.now());
            metafield.put("owner_client_id", clientId);
            state.touch(metafield);
            record.metafields.add(metafield);
            state.fire("store/product/metafield/created", event(metafield));
            return metafield.deepCopy();
        }
    }

    public ObjectNode update(long productId, long metafieldId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode metafield = find(record, metafieldId);
            ObjectNode candidate = metafield.deepCopy();
            Schemas.METAFIELD.apply(candidate, body, Set.of());
            checkUnique(record, candidate, metafieldId);
            metafield.setAll(candidate);
            state.touch(metafield);
            state.fire("store/product/metafield/updated", event(metafield));
            return metafield.deepCopy();
        }
    }

    public void delete(long productId, long metafieldId) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ObjectNode metafield = find(record, metafieldId);
            record.metafields.remove(metafield);
            state.fire("store/product/metafield/deleted", event(metafield));
        }
    }

    public ObjectNode get(long productId, long metafieldId, ListQuery query) {
        synchronized (state.lock) {
            return Views.trim(find(state.product(productId), metafieldId), query, Schemas.METAFIELD, "id");
        }
    }

    public Page<ObjectNode> list(long productId, ListQuery query) {
        Views.refuseUnknown(query, LIST_PARAMS);
        synchronized (state.lock) {
            List<String> keys = query.strings("key:in");
            List<String> namespaces = query.strings("namespace:in");
            List<ObjectNode> matching = state.product(productId).metafields.stream()
                    .filter(m -> query.string("key")
                            .map(k -> k.equals(m.path("key").asText()))
                            .orElse(true))
                    .filter(m -> query.string("namespace")
                            .map(n -> n.equals(m.path("namespace").asText()))
                            .orElse(true))
                    .filter(m -> keys.isEmpty() || keys.contains(m.path("key").asText()))
                    .filter(m -> namespaces.isEmpty()
                            || namespaces.contains(m.path("namespace").asText()))
                    .toList();
            return Page.of(matching, query.page(), query.limit())
                    .map(m -> Views.trim(m, query, Schemas.METAFIELD, "id"));
        }
    }

    private static void checkUnique(ProductRecord record, ObjectNode metafield, long self) {
        record.metafields.stream()
                .filter(m -> m.path("id").asLong() != self)
                .filter(m -> m.path("namespace")
                        .asText()
                        .equals(metafield.path("namespace").asText()))
                .filter(m -> m.path("key").asText().equals(metafield.path("key").asText()))
                .findFirst()
                .ifPresent(m -> {
                    throw ApiException.conflict(
                            "A metafield with this namespace and key already exists",
                            "key",
                            metafield.path("namespace").asText() + "/"
                                    + metafield.path("key").asText());
                });
    }

    private static ObjectNode event(ObjectNode metafield) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("metafield_id", metafield.path("id").asLong())
                .put("resource_id", Long.toString(metafield.path("resource_id").asLong()))
                .put("namespace", metafield.path("namespace").asText());
    }

    private static ObjectNode find(ProductRecord record, long metafieldId) {
        return record.metafields.stream()
                .filter(m -> m.path("id").asLong() == metafieldId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("metafield"));
    }
}
