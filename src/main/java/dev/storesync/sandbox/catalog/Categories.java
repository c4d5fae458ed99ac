package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Categories through the category trees API, and the legacy {@code /catalog/categories} view of the default tree.
 * Names are unique only among siblings. Deleting a category deletes its sub-categories too. Changes fire
 * {@code store/category/created|updated|deleted}.
 */
public final class Categories {
    public static final long DEFAULT_TREE = 1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> TREE_LIST_PARAMS = Set.of("id:in", "channel_id:in");
    private static final Set<String> TREE_FILTERS = Set.of(
            "category_uuid:in",
            "category_uuid:not_in",
            "category_id:in",
            "category_id:not_in",
            "tree_id:in",
            "tree_id:not_in",
            "parent_id:in",
            "parent_id:not_in",
            "page_title",
            "page_title:like",
            "name",
            "name:like",
            "keyword",
            "is_visible",
            "include_fields",
            "exclude_fields",
            "page",
            "limit");
    private static final Set<String> LEGACY_FILTERS = Set.of(
            "id",
            "id:in",
            "id:not_in",
            "id:min",
            "id:max",
            "id:greater",
            "id:less",
            "name",
            "name:like",
            "parent_id",
            "parent_id:in",
            "page_title",
            "keyword",
            "is_visible",
            "include_fields",
            "exclude_fields",
            "page",
            "limit");
    private static final Set<String> TREE_WRITE = Set.of("category_id");

    private final CatalogState state;

    Categories(CatalogState state) {
        this.state = state;
    }

    // ---- category trees API -------------------------------------------------------------------------------

    /** {@code POST /catalog/trees/categories}: all or nothing. */
    public List<ObjectNode> createBatch(JsonNode items) {
        synchronized (state.lock) {
            List<ObjectNode> planned = new ArrayList<>();
            for (JsonNode item : arrayOf(items)) {
                ObjectNode category = Schemas.TREE_CATEGORY.defaults();
                Schemas.TREE_CATEGORY.apply(category, item, Set.of());
                category.put(
                        "image_url", state.rehosted(category.path("image_url").asText()));
                if (!item.path("name").isTextual() || item.path("name").asText().isBlank()) {
                    throw ApiException.invalid("name", "is required");
                }
                long parent = item.path("parent_id").asLong(0);
                if (parent != 0) {
                    // a batch answer documents 422 for invalid data, not 404
                    ObjectNode parentCategory = state.categories.get(parent);
                    if (parentCategory == null) {
                        throw ApiException.invalid("parent_id", "category " + parent + " does not exist");
                    }
                    category.put("tree_id", parentCategory.path("tree_id").asLong());
                } else if (!item.has("tree_id")) {
                    throw ApiException.invalid("tree_id", "tree_id or parent_id is required");
                } else if (!state.trees.containsKey(item.path("tree_id").asLong())) {
                    throw ApiException.invalid(
                            "tree_id", "tree " + item.path("tree_id").asLong() + " does not exist");
                }
                category.put("parent_id", parent);
                checkSiblingName(category, -1, planned);
                checkUrl(category, -1, planned);
                planned.add(category);
            }
            List<ObjectNode> created = new ArrayList<>();
            for (ObjectNode category : planned) {
                created.add(insert(category));
            }
            return created;
        }
    }

    /** {@code PUT /catalog/trees/categories}: all or nothing; moving under another parent is a change of parent_id. */
    public List<ObjectNode> updateBatch(JsonNode items) {
        synchronized (state.lock) {
            List<ObjectNode[]> planned = new ArrayList<>();
            for (JsonNode item : arrayOf(items)) {
                if (!item.path("category_id").isIntegralNumber()) {
                    throw ApiException.invalid("category_id", "is required");
                }
                ObjectNode current = find(item.path("category_id").asLong());
                ObjectNode candidate = current.deepCopy();
                Schemas.TREE_CATEGORY.apply(candidate, item, TREE_WRITE);
                candidate.put(
                        "image_url", state.rehosted(candidate.path("image_url").asText()));
                checkMove(current, candidate);
                checkSiblingName(candidate, current.path("category_id").asLong(), List.of());
                checkUrl(candidate, current.path("category_id").asLong(), List.of());
                planned.add(new ObjectNode[] {current, candidate});
            }
            List<ObjectNode> updated = new ArrayList<>();
            for (ObjectNode[] change : planned) {
                if (!change[0].equals(change[1])) {
                    change[0].setAll(change[1]);
                    state.fire(
                            "store/category/updated",
                            Products.typed(
                                    "category", change[0].path("category_id").asLong()));
                }
                updated.add(change[0].deepCopy());
            }
            return updated;
        }
    }

    /** {@code DELETE /catalog/trees/categories}: what the filters select, with their sub-categories. */
    public int deleteMatching(ListQuery query) {
        synchronized (state.lock) {
            List<Long> ids = query.ids("category_id:in");
            List<String> uuids = query.strings("category_uuid:in");
            List<Long> trees = query.ids("tree_id:in");
            List<Long> parents = query.ids("parent_id:in");
            if (ids.isEmpty() && uuids.isEmpty() && trees.isEmpty() && parents.isEmpty()) {
                throw ApiException.invalid("category_id:in", "name the categories to delete");
            }
            List<Long> selected = state.categories.values().stream()
                    .filter(c -> ids.contains(id(c))
                            || uuids.contains(c.path("category_uuid").asText())
                            || trees.contains(c.path("tree_id").asLong())
                            || parents.contains(c.path("parent_id").asLong()))
                    .map(Categories::id)
                    .toList();
            int count = 0;
            for (long id : selected) {
                count += deleteWithChildren(id);
            }
            return count;
        }
    }

    public Page<ObjectNode> list(ListQuery query) {
        Views.refuseUnknown(query, TREE_FILTERS);
        synchronized (state.lock) {
            List<ObjectNode> matching =
                    state.categories.values().stream().filter(treeFilter(query)).toList();
            return Page.of(matching, query.page(), query.limit())
                    .map(c -> Views.trim(c, query, Schemas.TREE_CATEGORY, "category_id"));
        }
    }

    /** {@code GET /catalog/trees/{tree_id}/categories}: the tree as nested nodes. */
    public ArrayNode tree(long treeId, int maxDepth) {
        synchronized (state.lock) {
            if (!state.trees.containsKey(treeId)) {
                throw ApiException.notFound("category tree");
            }
            return children(treeId, 0, new ArrayList<>(), maxDepth);
        }
    }

    public List<ObjectNode> trees(ListQuery query) {
        Views.refuseUnknown(query, TREE_LIST_PARAMS);
        synchronized (state.lock) {
            List<Long> ids = query.ids("id:in");
            List<Long> channels = query.ids("channel_id:in");
            return state.trees.values().stream()
                    .filter(t -> ids.isEmpty() || ids.contains(t.path("id").asLong()))
                    .filter(t -> channels.isEmpty()
                            || java.util.stream.StreamSupport.stream(
                                            t.path("channels").spliterator(), false)
                                    .anyMatch(c -> channels.contains(c.asLong())))
                    .map(ObjectNode::deepCopy)
                    .toList();
        }
    }

    /** {@code PUT /catalog/trees}: creates trees without an id, renames or re-channels those with one. */
    public List<ObjectNode> upsertTrees(JsonNode items) {
        synchronized (state.lock) {
            List<ObjectNode> result = new ArrayList<>();
            for (JsonNode item : arrayOf(items)) {
                if (!item.path("name").isTextual()) {
                    throw ApiException.invalid("name", "is required");
                }
                ObjectNode tree =
                        item.has("id") ? state.trees.get(item.path("id").asLong()) : null;
                if (item.has("id") && tree == null) {
                    throw ApiException.invalid("id", "tree " + item.path("id").asLong() + " does not exist");
                }
                if (tree == null) {
                    tree = newTree(
                            state.nextId(CatalogState.Kind.TREE),
                            item.path("name").asText());
                }
                tree.put("name", item.path("name").asText());
                if (item.path("channels").isArray()) {
                    tree.set("channels", item.get("channels").deepCopy());
                }
                result.add(tree.deepCopy());
            }
            return result;
        }
    }

    public void deleteTrees(List<Long> ids) {
        synchronized (state.lock) {
            for (long id : ids) {
                List<Long> roots = state.categories.values().stream()
                        .filter(c -> c.path("tree_id").asLong() == id
                                && c.path("parent_id").asLong() == 0)
                        .map(Categories::id)
                        .toList();
                roots.forEach(this::deleteWithChildren);
                state.trees.remove(id);
            }
        }
    }

    // ---- legacy /catalog/categories (the default tree) --------------------------------------------------------

    public ObjectNode createLegacy(JsonNode body) {
        synchronized (state.lock) {
            if (body == null || !body.path("name").isTextual() || !body.has("parent_id")) {
                throw ApiException.invalid(java.util.Map.of("name", "is required", "parent_id", "is required"));
            }
            ObjectNode category = Schemas.TREE_CATEGORY.defaults();
            Schemas.TREE_CATEGORY.apply(category, fromLegacy(body), Set.of());
            category.put("image_url", state.rehosted(category.path("image_url").asText()));
            long parent = body.path("parent_id").asLong();
            if (parent != 0) {
                find(parent);
            }
            category.put("tree_id", DEFAULT_TREE);
            try {
                checkSiblingName(category, -1, List.of());
            } catch (ApiException e) {
                throw ApiException.conflict(
                        "Category name is a duplicate", "name", e.errors().get("name"));
            }
            return legacy(insert(category));
        }
    }

    public ObjectNode updateLegacy(long id, JsonNode body) {
        synchronized (state.lock) {
            ObjectNode current = legacyFind(id);
            ObjectNode candidate = current.deepCopy();
            Schemas.TREE_CATEGORY.apply(candidate, fromLegacy(body), Set.of());
            candidate.put(
                    "image_url", state.rehosted(candidate.path("image_url").asText()));
            checkMove(current, candidate);
            try {
                checkSiblingName(candidate, id, List.of());
            } catch (ApiException e) {
                throw ApiException.conflict(
                        "Category name is a duplicate", "name", e.errors().get("name"));
            }
            if (!candidate.equals(current)) {
                current.setAll(candidate);
                state.fire("store/category/updated", Products.typed("category", id));
            }
            return legacy(current);
        }
    }

    public void deleteLegacy(long id) {
        synchronized (state.lock) {
            legacyFind(id);
            deleteWithChildren(id);
        }
    }

    public ObjectNode getLegacy(long id, ListQuery query) {
        synchronized (state.lock) {
            return Views.trim(legacy(legacyFind(id)), query, LEGACY_SCHEMA, "id");
        }
    }

    public Page<ObjectNode> listLegacy(ListQuery query) {
        Views.refuseUnknown(query, LEGACY_FILTERS);
        synchronized (state.lock) {
            List<Long> in = query.ids("id:in");
            List<Long> notIn = query.ids("id:not_in");
            List<Long> parents = query.ids("parent_id:in");
            Predicate<ObjectNode> test = c -> c.path("tree_id").asLong() == DEFAULT_TREE;
            test = test.and(c -> query.number("id").map(i -> i == id(c)).orElse(true))
                    .and(c -> in.isEmpty() || in.contains(id(c)))
                    .and(c -> !notIn.contains(id(c)))
                    .and(c -> query.number("id:min").map(i -> id(c) >= i).orElse(true))
                    .and(c -> query.number("id:max").map(i -> id(c) <= i).orElse(true))
                    .and(c -> query.number("id:greater").map(i -> id(c) > i).orElse(true))
                    .and(c -> query.number("id:less").map(i -> id(c) < i).orElse(true))
                    .and(c -> query.number("parent_id")
                            .map(p -> p == c.path("parent_id").asLong())
                            .orElse(true))
                    .and(c -> parents.isEmpty()
                            || parents.contains(c.path("parent_id").asLong()))
                    .and(common(query));
            List<ObjectNode> matching =
                    state.categories.values().stream().filter(test).toList();
            return Page.of(matching, query.page(), query.limit())
                    .map(c -> Views.trim(legacy(c), query, LEGACY_SCHEMA, "id"));
        }
    }

    /** The legacy view's fields, for include_fields checks. */
    private static final Schema LEGACY_SCHEMA = Schema.of(
            Field.integer("id", 0).readOnly(),
            Field.integer("parent_id", 0),
            Field.text("name"),
            Field.text("description"),
            Field.integer("views", 0),
            Field.integer("sort_order", 0),
            Field.text("page_title"),
            Field.text("search_keywords"),
            Field.list("meta_keywords", Field.Type.STRING_LIST),
            Field.text("meta_description"),
            Field.text("layout_file"),
            Field.flag("is_visible", true),
            Field.text("default_product_sort"),
            Field.text("image_url"),
            Field.object("custom_url", Schemas.CUSTOM_URL));

    // ---- shared -----------------------------------------------------------------------------------------------

    void ensureDefaultTree() {
        synchronized (state.lock) {
            if (!state.trees.containsKey(DEFAULT_TREE)) {
                newTree(DEFAULT_TREE, "Default")
                        .set("channels", JSON.arrayNode().add(1));
            }
        }
    }

    private ObjectNode newTree(long id, String name) {
        ObjectNode tree = JSON.objectNode().put("id", id).put("name", name);
        tree.putArray("channels");
        state.trees.put(id, tree);
        return tree;
    }

    private ObjectNode insert(ObjectNode category) {
        long id = state.nextId(CatalogState.Kind.CATEGORY);
        category.put("category_id", id);
        category.put(
                "category_uuid",
                UUID.nameUUIDFromBytes((state.storeHash + ":" + id).getBytes()).toString());
        ObjectNode url = (ObjectNode) category.get("url");
        if (url.path("path").asText().isEmpty()) {
            url.put("path", uniquePath(category));
        }
        state.categories.put(id, category);
        state.fire("store/category/created", Products.typed("category", id));
        return category.deepCopy();
    }

    private int deleteWithChildren(long id) {
        if (!state.categories.containsKey(id)) {
            return 0;
        }
        int count = 0;
        List<Long> children = state.categories.values().stream()
                .filter(c -> c.path("parent_id").asLong() == id)
                .map(Categories::id)
                .toList();
        for (long child : children) {
            count += deleteWithChildren(child);
        }
        state.categories.remove(id);
        for (ProductRecord record : state.products.values()) {
            ArrayNode categories = (ArrayNode) record.product.get("categories");
            for (int i = categories.size() - 1; i >= 0; i--) {
                if (categories.get(i).asLong() == id) {
                    categories.remove(i);
                }
            }
        }
        state.fire("store/category/deleted", Products.typed("category", id));
        return count + 1;
    }

    private void checkMove(ObjectNode current, ObjectNode candidate) {
        long parent = candidate.path("parent_id").asLong();
        long self = id(current);
        if (candidate.path("tree_id").asLong() != current.path("tree_id").asLong()) {
            throw ApiException.invalid("tree_id", "a category cannot move to another tree");
        }
        for (long p = parent; p != 0; p = find(p).path("parent_id").asLong()) {
            if (p == self) {
                throw ApiException.invalid("parent_id", "a category cannot be placed under itself");
            }
        }
        if (parent != 0
                && find(parent).path("tree_id").asLong()
                        != current.path("tree_id").asLong()) {
            throw ApiException.invalid("parent_id", "the parent is in another tree");
        }
    }

    private void checkSiblingName(ObjectNode category, long self, List<ObjectNode> pending) {
        String name = category.path("name").asText();
        long parent = category.path("parent_id").asLong();
        long tree = category.path("tree_id").asLong();
        Predicate<ObjectNode> sibling = c -> c.path("parent_id").asLong() == parent
                && c.path("tree_id").asLong() == tree
                && c.path("name").asText().equalsIgnoreCase(name);
        boolean taken = state.categories.values().stream().anyMatch(c -> id(c) != self && sibling.test(c))
                || pending.stream().anyMatch(sibling);
        if (taken) {
            throw ApiException.invalid("name", "a sibling category is already named '" + name + "'");
        }
    }

    /** A category URL is the storefront's address for it: two categories cannot share one. */
    private void checkUrl(ObjectNode category, long self, List<ObjectNode> pending) {
        String path = category.path("url").path("path").asText();
        if (path.isEmpty()) {
            return;
        }
        Predicate<ObjectNode> samePath =
                c -> c.path("url").path("path").asText().equalsIgnoreCase(path);
        boolean taken = state.categories.values().stream().anyMatch(c -> id(c) != self && samePath.test(c))
                || pending.stream().anyMatch(samePath);
        if (taken) {
            throw ApiException.invalid("url", "the URL " + path + " is already used by another category");
        }
    }

    private String uniquePath(ObjectNode category) {
        long parent = category.path("parent_id").asLong();
        String prefix =
                parent == 0 ? "/" : find(parent).path("url").path("path").asText();
        String slug = category.path("name")
                .asText()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        String path = prefix + (slug.isEmpty() ? "category" : slug) + "/";
        Set<String> taken = new LinkedHashSet<>();
        state.categories
                .values()
                .forEach(c -> taken.add(c.path("url").path("path").asText()));
        for (int suffix = 1; taken.contains(path); suffix++) {
            path = prefix + slug + "-" + suffix + "/";
        }
        return path;
    }

    private ArrayNode children(long treeId, long parent, List<Long> path, int maxDepth) {
        ArrayNode nodes = JSON.arrayNode();
        if (maxDepth > 0 && path.size() >= maxDepth) {
            return nodes;
        }
        for (ObjectNode category : state.categories.values()) {
            if (category.path("tree_id").asLong() != treeId
                    || category.path("parent_id").asLong() != parent) {
                continue;
            }
            List<Long> own = new ArrayList<>(path);
            own.add(id(category));
            ObjectNode node = JSON.objectNode()
                    .put("id", id(category))
                    .put("parent_id", parent)
                    .put("depth", path.size() + 1)
                    .put("name", category.path("name").asText())
                    .put("is_visible", category.path("is_visible").asBoolean())
                    .put("url", category.path("url").path("path").asText());
            ArrayNode pathNode = node.putArray("path");
            own.forEach(pathNode::add);
            node.set("children", children(treeId, id(category), own, maxDepth));
            nodes.add(node);
        }
        return nodes;
    }

    private Predicate<ObjectNode> treeFilter(ListQuery query) {
        List<Long> ids = query.ids("category_id:in");
        List<Long> notIds = query.ids("category_id:not_in");
        List<String> uuids = query.strings("category_uuid:in");
        List<String> notUuids = query.strings("category_uuid:not_in");
        List<Long> trees = query.ids("tree_id:in");
        List<Long> notTrees = query.ids("tree_id:not_in");
        List<Long> parents = query.ids("parent_id:in");
        List<Long> notParents = query.ids("parent_id:not_in");
        Predicate<ObjectNode> test = c -> ids.isEmpty() || ids.contains(id(c));
        return test.and(c -> !notIds.contains(id(c)))
                .and(c -> uuids.isEmpty()
                        || uuids.contains(c.path("category_uuid").asText()))
                .and(c -> !notUuids.contains(c.path("category_uuid").asText()))
                .and(c -> trees.isEmpty() || trees.contains(c.path("tree_id").asLong()))
                .and(c -> !notTrees.contains(c.path("tree_id").asLong()))
                .and(c -> parents.isEmpty()
                        || parents.contains(c.path("parent_id").asLong()))
                .and(c -> !notParents.contains(c.path("parent_id").asLong()))
                .and(c -> query.string("page_title:like")
                        .map(t -> lower(c, "page_title").contains(t.toLowerCase(Locale.ROOT)))
                        .orElse(true))
                .and(common(query));
    }

    /** Filters both APIs share. */
    private static Predicate<ObjectNode> common(ListQuery query) {
        Predicate<ObjectNode> test = c ->
                query.string("name").map(n -> n.equals(c.path("name").asText())).orElse(true);
        return test.and(c -> query.string("name:like")
                        .map(n -> lower(c, "name").contains(n.toLowerCase(Locale.ROOT)))
                        .orElse(true))
                .and(c -> query.string("page_title")
                        .map(t -> t.equals(c.path("page_title").asText()))
                        .orElse(true))
                .and(c -> query.string("keyword")
                        .map(k -> lower(c, "name").contains(k.toLowerCase(Locale.ROOT))
                                || lower(c, "search_keywords").contains(k.toLowerCase(Locale.ROOT)))
                        .orElse(true))
                .and(c -> query.bool("is_visible")
                        .map(v -> v == c.path("is_visible").asBoolean())
                        .orElse(true));
    }

    /** A legacy body ({@code custom_url}) in trees-API terms ({@code url}). */
    private static JsonNode fromLegacy(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        ObjectNode fields = body.deepCopy();
        if (fields.has("id")) {
            fields.remove("id");
        }
        fields.remove("views");
        JsonNode customUrl = fields.remove("custom_url");
        if (customUrl != null && customUrl.isObject()) {
            ObjectNode url = fields.putObject("url");
            if (customUrl.has("url")) {
                url.set("path", customUrl.get("url"));
            }
            if (customUrl.has("is_customized")) {
                url.set("is_customized", customUrl.get("is_customized"));
            }
        }
        return fields;
    }

    /** A category as {@code /catalog/categories} answers it. */
    private static ObjectNode legacy(ObjectNode category) {
        ObjectNode view = JSON.objectNode()
                .put("id", id(category))
                .put("parent_id", category.path("parent_id").asLong())
                .put("name", category.path("name").asText())
                .put("description", category.path("description").asText())
                .put("views", category.path("views").asLong())
                .put("sort_order", category.path("sort_order").asLong())
                .put("page_title", category.path("page_title").asText())
                .put("search_keywords", category.path("search_keywords").asText());
        view.set("meta_keywords", category.path("meta_keywords").deepCopy());
        view.put("meta_description", category.path("meta_description").asText())
                .put("layout_file", category.path("layout_file").asText())
                .put("is_visible", category.path("is_visible").asBoolean())
                .put(
                        "default_product_sort",
                        category.path("default_product_sort").asText())
                .put("image_url", category.path("image_url").asText());
        view.putObject("custom_url")
                .put("url", category.path("url").path("path").asText())
                .put("is_customized", category.path("url").path("is_customized").asBoolean());
        return view;
    }

    private ObjectNode legacyFind(long id) {
        ObjectNode category = find(id);
        if (category.path("tree_id").asLong() != DEFAULT_TREE) {
            throw ApiException.notFound("category");
        }
        return category;
    }

    private ObjectNode find(long id) {
        ObjectNode category = state.categories.get(id);
        if (category == null) {
            throw ApiException.notFound("category");
        }
        return category;
    }

    private static long id(ObjectNode category) {
        return category.path("category_id").asLong();
    }

    private static String lower(ObjectNode category, String field) {
        return category.path(field).asText().toLowerCase(Locale.ROOT);
    }

    private static List<JsonNode> arrayOf(JsonNode items) {
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ApiException.invalid("body", "must be a non-empty array");
        }
        List<JsonNode> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
