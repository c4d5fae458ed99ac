package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** Shapes answers: {@code include_fields} / {@code exclude_fields}, and the refusal of unknown query parameters. */
final class Views {
    private Views() {}

    /**
     * A copy of {@code resource} with only the fields {@code include_fields} names (plus the id, always), or without
     * those {@code exclude_fields} names.
     */
    static ObjectNode trim(ObjectNode resource, ListQuery query, Schema schema, String idField) {
        ObjectNode view = resource.deepCopy();
        Set<String> include = query.set("include_fields");
        Set<String> exclude = query.set("exclude_fields");
        for (String name : include) {
            if (!schema.declares(name)) {
                throw ApiException.invalid("include_fields", "unknown field '" + name + "'");
            }
        }
        if (!include.isEmpty()) {
            view.retain(include);
            if (resource.has(idField)) {
                view.set(idField, resource.get(idField).deepCopy());
            }
        }
        exclude.stream().filter(name -> !name.equals(idField)).forEach(view::remove);
        return view;
    }

    /** One item as an array, for checks written for arrays of items. */
    static ArrayNode arrayOf(JsonNode item) {
        return JsonNodeFactory.instance.arrayNode().add(item);
    }

    /**
     * Refuses parameters this listing does not support. BigCommerce ignores some unknown filters and answers
     * everything, which a client would read as "no such product"; the simulator says so instead.
     */
    static void refuseUnknown(ListQuery query, Set<String> known) {
        query.names().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw ApiException.invalid(name, "is not a filter the simulator supports here");
        });
    }
}
