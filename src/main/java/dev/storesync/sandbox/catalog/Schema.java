package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The properties of one resource, in the order the API answers them. Applies a client's JSON to a resource: writable
 * fields are checked and copied, read-only ones ignored (as the API does), and anything undeclared is refused, so that
 * a client mistake (a camelCase name, an invented field) fails loudly instead of being silently dropped.
 */
public final class Schema {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Map<String, Field> fields = new LinkedHashMap<>();

    public Schema(List<Field> fields) {
        fields.forEach(f -> this.fields.put(f.name(), f));
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    /** A new resource: every field at its default. */
    public ObjectNode defaults() {
        ObjectNode node = JSON.objectNode();
        fields.values()
                .forEach(f -> node.set(
                        f.name(),
                        f.defaultValue() == null
                                ? JSON.nullNode()
                                : f.defaultValue().deepCopy()));
        return node;
    }

    public boolean declares(String name) {
        return fields.containsKey(name);
    }

    /**
     * Copies the writable fields of {@code body} onto {@code target}.
     *
     * @param accepted body fields handled by the caller (sub-resources, write-only fields such as brand_name)
     * @throws ApiException 422 naming each invalid field
     */
    public void apply(ObjectNode target, JsonNode body, Set<String> accepted) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = body.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            Field field = fields.get(name);
            if (field == null) {
                if (!accepted.contains(name)) {
                    errors.put(name, "is not a property of this resource");
                }
                continue;
            }
            if (!field.writable()) {
                continue;
            }
            String problem = problem(field, entry.getValue());
            if (problem != null) {
                errors.put(name, problem);
            } else if (field.nested() != null && entry.getValue().isObject()) {
                ObjectNode current = target.get(name) instanceof ObjectNode existing
                        ? existing
                        : field.nested().defaults();
                field.nested().applyNested(current, entry.getValue(), errors, name);
                target.set(name, current);
            } else {
                target.set(name, entry.getValue().deepCopy());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    private void applyNested(ObjectNode target, JsonNode body, Map<String, String> errors, String path) {
        Iterator<Map.Entry<String, JsonNode>> entries = body.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Field field = fields.get(entry.getKey());
            if (field == null) {
                errors.put(path + "." + entry.getKey(), "is not a property of this resource");
            } else if (field.writable()) {
                String problem = problem(field, entry.getValue());
                if (problem != null) {
                    errors.put(path + "." + entry.getKey(), problem);
                } else {
                    target.set(entry.getKey(), entry.getValue().deepCopy());
                }
            }
        }
    }

    private static String problem(Field field, JsonNode value) {
        if (value == null || value.isNull()) {
            return field.nullable() ? null : "must not be null";
        }
        return switch (field.type()) {
            case STRING -> {
                if (!value.isTextual()) {
                    yield "must be a string";
                }
                if (value.asText().length() > field.maxLength()) {
                    yield "must be at most " + field.maxLength() + " characters";
                }
                yield field.allowed().isEmpty() || field.allowed().contains(value.asText())
                        ? null
                        : "must be one of "
                                + String.join(
                                        ", ", field.allowed().stream().sorted().toList());
            }
            case INTEGER -> value.isIntegralNumber() && value.canConvertToLong()
                    ? belowMinimum(field, value.asDouble())
                    : "must be an integer";
            case NUMBER -> value.isNumber() ? belowMinimum(field, value.asDouble()) : "must be a number";
            case BOOLEAN -> value.isBoolean() ? null : "must be true or false";
            case STRING_LIST -> allElements(value, JsonNode::isTextual, "strings");
            case INTEGER_LIST -> allElements(value, JsonNode::isIntegralNumber, "integers");
            case NUMBER_LIST -> allElements(value, JsonNode::isNumber, "numbers");
            case OBJECT -> value.isObject() ? null : "must be an object";
        };
    }

    private static String belowMinimum(Field field, double value) {
        return field.minimum() != null && value < field.minimum()
                ? "must be at least " + field.minimum().longValue()
                : null;
    }

    private static String allElements(JsonNode value, java.util.function.Predicate<JsonNode> test, String what) {
        if (!value.isArray()) {
            return "must be an array of " + what;
        }
        for (JsonNode element : value) {
            if (!test.test(element)) {
                return "must be an array of " + what;
            }
        }
        return null;
    }
}
