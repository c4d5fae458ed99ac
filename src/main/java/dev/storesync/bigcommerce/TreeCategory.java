package dev.storesync.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A category as the category trees API answers it. Names are unique only among siblings, so a category is identified by
 * its parent and name. {@code fields} is the category as answered, for comparing and copying by name.
 */
public record TreeCategory(long categoryId, long parentId, long treeId, String name, ObjectNode fields) {

    public static TreeCategory from(JsonNode node) {
        return new TreeCategory(
                node.path("category_id").asLong(),
                node.path("parent_id").asLong(0),
                node.path("tree_id").asLong(),
                node.path("name").asText(""),
                node.deepCopy());
    }
}
