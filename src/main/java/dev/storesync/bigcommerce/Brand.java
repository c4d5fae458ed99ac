package dev.storesync.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A brand; its name is unique in a store. {@code fields} is the brand as answered. */
public record Brand(long id, String name, ObjectNode fields) {

    public static Brand from(JsonNode node) {
        return new Brand(node.path("id").asLong(), node.path("name").asText(""), node.deepCopy());
    }
}
