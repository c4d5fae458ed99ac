package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Set;

/**
 * One property of a resource as the API documents it: its JSON type, the value a new resource gets, whether a client
 * may write it, and the limits a written value must respect.
 */
public record Field(
        String name,
        Type type,
        JsonNode defaultValue,
        boolean writable,
        boolean nullable,
        int maxLength,
        Set<String> allowed,
        Double minimum,
        Schema nested) {

    public enum Type {
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        STRING_LIST,
        INTEGER_LIST,
        NUMBER_LIST,
        OBJECT
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public static Field string(String name, String defaultValue, int maxLength) {
        return new Field(name, Type.STRING, JSON.textNode(defaultValue), true, false, maxLength, Set.of(), null, null);
    }

    public static Field text(String name) {
        return string(name, "", Integer.MAX_VALUE);
    }

    public static Field choice(String name, String defaultValue, List<String> allowed) {
        return new Field(
                name,
                Type.STRING,
                JSON.textNode(defaultValue),
                true,
                false,
                Integer.MAX_VALUE,
                Set.copyOf(allowed),
                null,
                null);
    }

    public static Field integer(String name, long defaultValue) {
        return new Field(name, Type.INTEGER, JSON.numberNode(defaultValue), true, false, 0, Set.of(), null, null);
    }

    public static Field count(String name) {
        return new Field(name, Type.INTEGER, JSON.numberNode(0), true, false, 0, Set.of(), 0.0, null);
    }

    public static Field amount(String name) {
        return new Field(name, Type.NUMBER, JSON.numberNode(0), true, false, 0, Set.of(), 0.0, null);
    }

    public static Field flag(String name, boolean defaultValue) {
        return new Field(name, Type.BOOLEAN, JSON.booleanNode(defaultValue), true, false, 0, Set.of(), null, null);
    }

    public static Field list(String name, Type type) {
        return new Field(name, type, JSON.arrayNode(), true, false, 0, Set.of(), null, null);
    }

    public static Field object(String name, Schema nested) {
        return new Field(name, Type.OBJECT, nested.defaults(), true, false, 0, Set.of(), null, nested);
    }

    /** An object whose members the API does not fix (option config, value data, hook headers): kept as sent. */
    public static Field freeObject(String name) {
        return new Field(name, Type.OBJECT, JSON.objectNode(), true, false, 0, Set.of(), null, null);
    }

    /** A field the API computes: answered, never written. */
    public Field readOnly() {
        return new Field(name, type, defaultValue, false, nullable, maxLength, allowed, minimum, nested);
    }

    /** A field whose value may be {@code null} (and is by default when the given default is null). */
    public Field orNull() {
        return new Field(name, type, defaultValue, writable, true, maxLength, allowed, minimum, nested);
    }

    public Field defaultingTo(JsonNode value) {
        return new Field(name, type, value, writable, nullable, maxLength, allowed, minimum, nested);
    }

    public Field atLeast(double value) {
        return new Field(name, type, defaultValue, writable, nullable, maxLength, allowed, value, nested);
    }
}
