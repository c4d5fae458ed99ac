package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Brands, unique by name without regard to case (409). BigCommerce sends no webhooks for brands. */
public final class Brands {
    private static final Set<String> FILTERS = Set.of(
            "id",
            "id:in",
            "id:not_in",
            "name",
            "name:like",
            "page_title",
            "include_fields",
            "exclude_fields",
            "page",
            "limit",
            "sort",
            "direction");

    private final CatalogState state;

    Brands(CatalogState state) {
        this.state = state;
    }

    public ObjectNode create(JsonNode body) {
        synchronized (state.lock) {
            if (body == null
                    || !body.path("name").isTextual()
                    || body.path("name").asText().isBlank()) {
                throw ApiException.invalid("name", "is required");
            }
            ObjectNode brand = Schemas.BRAND.defaults();
            Schemas.BRAND.apply(brand, body, Set.of());
            brand.put("image_url", state.rehosted(brand.path("image_url").asText()));
            checkName(brand.path("name").asText(), -1);
            long id = state.nextId(CatalogState.Kind.BRAND);
            brand.put("id", id);
            defaultUrl(brand);
            state.brands.put(id, brand);
            return brand.deepCopy();
        }
    }

    public ObjectNode update(long id, JsonNode body) {
        synchronized (state.lock) {
            ObjectNode brand = find(id);
            ObjectNode candidate = brand.deepCopy();
            Schemas.BRAND.apply(candidate, body, Set.of());
            candidate.put(
                    "image_url", state.rehosted(candidate.path("image_url").asText()));
            checkName(candidate.path("name").asText(), id);
            brand.setAll(candidate);
            return brand.deepCopy();
        }
    }

    public void delete(long id) {
        synchronized (state.lock) {
            find(id);
            state.brands.remove(id);
            state.products.values().stream()
                    .filter(r -> r.product.path("brand_id").asLong() == id)
                    .forEach(r -> r.product.put("brand_id", 0));
        }
    }

    /** {@code DELETE /catalog/brands?name=...}. */
    public void deleteByName(String name) {
        synchronized (state.lock) {
            List<Long> ids = state.brands.values().stream()
                    .filter(b -> b.path("name").asText().equals(name))
                    .map(b -> b.path("id").asLong())
                    .toList();
            ids.forEach(this::delete);
        }
    }

    public ObjectNode get(long id, ListQuery query) {
        synchronized (state.lock) {
            return Views.trim(find(id), query, Schemas.BRAND, "id");
        }
    }

    public Page<ObjectNode> list(ListQuery query) {
        Views.refuseUnknown(query, FILTERS);
        synchronized (state.lock) {
            List<Long> in = query.ids("id:in");
            List<Long> notIn = query.ids("id:not_in");
            Comparator<ObjectNode> order = "name".equals(query.string("sort").orElse("id"))
                    ? Comparator.comparing(b -> b.path("name").asText().toLowerCase(Locale.ROOT))
                    : Comparator.comparingLong(b -> b.path("id").asLong());
            if ("desc".equals(query.string("direction").orElse("asc"))) {
                order = order.reversed();
            }
            List<ObjectNode> matching = state.brands.values().stream()
                    .filter(b -> query.number("id")
                            .map(id -> id == b.path("id").asLong())
                            .orElse(true))
                    .filter(b -> in.isEmpty() || in.contains(b.path("id").asLong()))
                    .filter(b -> !notIn.contains(b.path("id").asLong()))
                    .filter(b -> query.string("name")
                            .map(n -> n.equals(b.path("name").asText()))
                            .orElse(true))
                    .filter(b -> query.string("name:like")
                            .map(n -> b.path("name")
                                    .asText()
                                    .toLowerCase(Locale.ROOT)
                                    .contains(n.toLowerCase(Locale.ROOT)))
                            .orElse(true))
                    .filter(b -> query.string("page_title")
                            .map(t -> t.equals(b.path("page_title").asText()))
                            .orElse(true))
                    .sorted(order)
                    .toList();
            return Page.of(matching, query.page(), query.limit()).map(b -> Views.trim(b, query, Schemas.BRAND, "id"));
        }
    }

    /** The brand named {@code name} (any case), created if there is none: what {@code brand_name} does. */
    long findOrCreate(String name) {
        return state.brands.values().stream()
                .filter(b -> b.path("name").asText().equalsIgnoreCase(name))
                .map(b -> b.path("id").asLong())
                .findFirst()
                .orElseGet(() -> create(JsonNodeFactory.instance.objectNode().put("name", name))
                        .path("id")
                        .asLong());
    }

    private void checkName(String name, long self) {
        state.brands.values().stream()
                .filter(b -> b.path("id").asLong() != self)
                .filter(b -> b.path("name").asText().equalsIgnoreCase(name))
                .findFirst()
                .ifPresent(b -> {
                    throw ApiException.conflict(
                            "The brand name is a duplicate",
                            "name",
                            "brand " + b.path("id").asLong() + " is named " + name);
                });
    }

    private static void defaultUrl(ObjectNode brand) {
        ObjectNode url = (ObjectNode) brand.get("custom_url");
        if (!url.path("is_customized").asBoolean() && url.path("url").asText().isEmpty()) {
            url.put("url", "/brands/" + brand.path("name").asText().replaceAll("[^A-Za-z0-9]+", "-") + ".html");
        }
    }

    private ObjectNode find(long id) {
        ObjectNode brand = state.brands.get(id);
        if (brand == null) {
            throw ApiException.notFound("brand");
        }
        return brand;
    }
}
