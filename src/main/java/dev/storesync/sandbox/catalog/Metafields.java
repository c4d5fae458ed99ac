package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Product metafields, unique per product by namespace, key and the app that wrote them (409). Changes fire
 * {@code store/product/metafield/created|updated|deleted}. The store's API client is one app; tests add metafields
 * of other apps with {@link #createAs}. products_catalog.v3.yml, updateProductMetafield: "These fields can only be
 * modified using the API account that created the metafield: namespace, key, permission_set, value ... using an API
 * account different from the one used to create those metafields will result in a 403"; deleting another app's is
 * refused the same way (strict: the specs are silent), and another app's {@code app_only} ones are not seen at all.
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

    /** The client id of the store's API account: the app whose metafields the API's writes are. */
    public String apiClient() {
        return clientId;
    }

    public ObjectNode create(long productId, JsonNode body) {
        return createAs(clientId, productId, body);
    }

    /** A metafield another app ({@code owner}, its client id) writes, as a test sets the scene. */
    public ObjectNode createAs(String owner, long productId, JsonNode body) {
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
            checkUnique(record, metafield, owner, -1);
            metafield.put("id", state.nextId(CatalogState.Kind.METAFIELD));
            metafield.put("resource_type", "product");
            metafield.put("resource_id", productId);
            metafield.put("date_created", state.now());
            metafield.put("owner_client_id", owner);
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
            checkOwner(metafield);
            ObjectNode candidate = metafield.deepCopy();
            Schemas.METAFIELD.apply(candidate, body, Set.of());
            checkUnique(record, candidate, clientId, metafieldId);
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
            checkOwner(metafield);
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
                    .filter(this::visible)
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

    /** Another app's {@code app_only} metafield is its own business. */
    private boolean visible(ObjectNode metafield) {
        return clientId.equals(metafield.path("owner_client_id").asText())
                || !"app_only".equals(metafield.path("permission_set").asText());
    }

    private void checkOwner(ObjectNode metafield) {
        if (!clientId.equals(metafield.path("owner_client_id").asText())) {
            throw new ApiException(
                    403, "Only the API account that created this metafield can change or delete it", Map.of());
        }
    }

    private static void checkUnique(ProductRecord record, ObjectNode metafield, String owner, long self) {
        record.metafields.stream()
                .filter(m -> m.path("id").asLong() != self)
                .filter(m -> m.path("owner_client_id").asText().equals(owner))
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

    private ObjectNode find(ProductRecord record, long metafieldId) {
        return record.metafields.stream()
                .filter(m -> m.path("id").asLong() == metafieldId)
                .filter(this::visible)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("metafield"));
    }
}
