package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a query asks of one field, as far as an index can use it: equal to one of some values, or within a range. Values
 * are normalized as the index stores them. Anything else (operators, documents, arrays, patterns) an index cannot narrow
 * down; those conditions are still checked on every document found.
 */
sealed interface Condition {
    Set<String> RANGE_OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");
    Comparator<Object> COMPARATOR = ValueComparator.asc();

    record Equals(List<Object> values) implements Condition {}

    /** A bound is {@code null} when the range is open at that end. */
    record Range(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) implements Condition {
        Object anyBound() {
            return lower != null ? lower : upper;
        }
    }

    record Other() implements Condition {}

    /** Both conditions on one field: two ranges over values of one type make their intersection. */
    static Condition and(Condition a, Condition b) {
        if (a instanceof Range x && b instanceof Range y && sameType(x.anyBound(), y.anyBound())) {
            boolean xLower = x.lower() != null
                    && (y.lower() == null
                            || COMPARATOR.compare(x.lower(), y.lower()) > 0
                            || COMPARATOR.compare(x.lower(), y.lower()) == 0 && !x.lowerInclusive());
            boolean xUpper = x.upper() != null
                    && (y.upper() == null
                            || COMPARATOR.compare(x.upper(), y.upper()) < 0
                            || COMPARATOR.compare(x.upper(), y.upper()) == 0 && !x.upperInclusive());
            return new Range(
                    xLower ? x.lower() : y.lower(),
                    xLower ? x.lowerInclusive() : y.lowerInclusive(),
                    xUpper ? x.upper() : y.upper(),
                    xUpper ? x.upperInclusive() : y.upperInclusive());
        }
        return new Other();
    }

    static boolean sameType(Object a, Object b) {
        return a != null && b != null && (a instanceof Number && b instanceof Number || a.getClass() == b.getClass());
    }

    static Condition of(Object queried) {
        if (queried instanceof Document operators) {
            return ofOperators(operators);
        }
        return isPlain(queried) ? new Equals(Collections.singletonList(StoredKey.normalized(queried))) : new Other();
    }

    private static Condition ofOperators(Document operators) {
        if (operators.isEmpty() || !operators.keySet().stream().allMatch(key -> key.startsWith("$"))) {
            return new Other();
        }
        if (operators.size() == 1 && operators.get("$eq") != null && isPlain(operators.get("$eq"))) {
            return new Equals(Collections.singletonList(StoredKey.normalized(operators.get("$eq"))));
        }
        if (operators.size() == 1 && operators.get("$in") instanceof Collection<?> values) {
            List<Object> normalized = new ArrayList<>();
            for (Object value : values) {
                if (!isPlain(value)) {
                    return new Other();
                }
                normalized.add(StoredKey.normalized(value));
            }
            return normalized.isEmpty() ? new Other() : new Equals(normalized);
        }
        if (RANGE_OPERATORS.containsAll(operators.keySet())) {
            for (Map.Entry<String, Object> bound : operators.entrySet()) {
                // a null bound matches by type rules of its own; leave it to the matcher
                if (bound.getValue() == null || !isPlain(bound.getValue())) {
                    return new Other();
                }
            }
            Object lower = operators.containsKey("$gte") ? operators.get("$gte") : operators.get("$gt");
            Object upper = operators.containsKey("$lte") ? operators.get("$lte") : operators.get("$lt");
            if (operators.containsKey("$gte") && operators.containsKey("$gt")
                    || operators.containsKey("$lte") && operators.containsKey("$lt")) {
                return new Other();
            }
            return bracketed(new Range(
                    lower == null ? null : StoredKey.normalized(lower),
                    operators.containsKey("$gte"),
                    upper == null ? null : StoredKey.normalized(upper),
                    operators.containsKey("$lte")));
        }
        return new Other();
    }

    /**
     * A range only matches values of its bound's type, while an index orders every type (nulls first): an open end
     * gets the lowest or highest value of that type where there is one, so that a read does not wade through others.
     */
    private static Range bracketed(Range range) {
        Object bound = range.lower() != null ? range.lower() : range.upper();
        Object lowest = bound instanceof Number
                ? (Object) Double.NEGATIVE_INFINITY
                : bound instanceof Instant ? Instant.MIN : null;
        Object highest = bound instanceof Number
                ? (Object) Double.POSITIVE_INFINITY
                : bound instanceof Instant ? Instant.MAX : null;
        return new Range(
                range.lower() != null ? range.lower() : lowest,
                range.lower() == null || range.lowerInclusive(),
                range.upper() != null ? range.upper() : highest,
                range.upper() == null || range.upperInclusive());
    }

    /** A value an index entry can equal: not a document, an array or a pattern (those match by other rules). */
    private static boolean isPlain(Object value) {
        return !(value instanceof Map)
                && !(value instanceof Collection)
                && !(value instanceof Pattern)
                && !(value instanceof BsonRegularExpression);
    }
}
