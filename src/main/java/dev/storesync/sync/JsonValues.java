package dev.storesync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Compares values as a store means them: {@code 10}, {@code 10.0} and {@code 10.00} are one price, and a missing field
 * is the same as {@code null}.
 */
final class JsonValues {
    private JsonValues() {}

    static boolean same(JsonNode a, JsonNode b) {
        boolean aEmpty = a == null || a.isNull() || a.isMissingNode();
        boolean bEmpty = b == null || b.isNull() || b.isMissingNode();
        if (aEmpty || bEmpty) {
            return aEmpty == bEmpty;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            return sameObjects(a, b) && sameObjects(b, a);
        }
        return a.equals(b);
    }

    private static boolean sameObjects(JsonNode a, JsonNode b) {
        Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!same(field.getValue(), b.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
