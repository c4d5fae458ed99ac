package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * How one query reads an {@link OrderedIndex}: the index's first fields taken from the query's equalities (every
 * combination of their {@code $in} values), the next field's range, and whether the entries already come in the order the
 * query sorts by. Found entries are candidates; the collection still matches each document against the whole query, so
 * a plan may read more than it returns but never misses a document.
 *
 * @param prefixes one list of values per combination of the equalities
 * @param range the next field's range, or null
 * @param ordered the entries come in the query's sort order (then {@code descending} says which way to read them)
 * @param covered every condition of the query is on the index's fields: counting needs no document
 */
record QueryPlan(
        OrderedIndex index,
        List<List<Object>> prefixes,
        Condition.Range range,
        boolean ordered,
        boolean descending,
        boolean covered) {
    /** Beyond this many combinations of {@code $in} values, reading the documents is as cheap. */
    private static final int MAX_PREFIXES = 64;

    /**
     * A query's conditions on its fields, through {@code $and} (the driver's {@code Filters.and} writes one), read once
     * per query; {@code onlyFields} is false when the query also has conditions that are not on a field ({@code $or},
     * {@code $expr}...).
     */
    record Conditions(Map<String, Condition> byField, boolean onlyFields) {
        static Conditions of(Document query) {
            Map<String, Condition> byField = new HashMap<>();
            boolean onlyFields = collect(query, byField);
            return new Conditions(byField, onlyFields);
        }

        private static boolean collect(Document query, Map<String, Condition> conditions) {
            boolean onlyFields = true;
            for (Map.Entry<String, Object> e : query.entrySet()) {
                if (e.getKey().equals("$and") && e.getValue() instanceof List<?> all) {
                    for (Object part : all) {
                        onlyFields &= part instanceof Document document && collect(document, conditions);
                    }
                } else if (e.getKey().startsWith("$")) {
                    onlyFields = false;
                } else {
                    conditions.merge(e.getKey(), Condition.of(e.getValue()), Condition::and);
                }
            }
            return onlyFields;
        }
    }

    /** The best plan among the indexes for a query and its sort, if any index narrows the query down. */
    static Optional<QueryPlan> choose(List<OrderedIndex> indexes, Conditions conditions, Document orderBy) {
        if (conditions.byField().isEmpty()) {
            return Optional.empty();
        }
        QueryPlan best = null;
        for (OrderedIndex index : indexes) {
            if (index.usable()) {
                QueryPlan plan = plan(index, conditions.byField(), conditions.onlyFields(), orderBy);
                if (plan != null && (best == null || plan.betterThan(best))) {
                    best = plan;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static QueryPlan plan(
            OrderedIndex index, Map<String, Condition> conditions, boolean onlyFields, Document orderBy) {
        List<List<Object>> prefixes = List.of(List.of());
        int fields = 0;
        while (fields < index.size() && conditions.get(index.field(fields)) instanceof Condition.Equals equals) {
            prefixes = combine(prefixes, equals.values());
            if (prefixes.size() > MAX_PREFIXES) {
                return null;
            }
            fields++;
        }
        Condition.Range range = null;
        String next = fields < index.size() ? index.field(fields) : null;
        if (next != null && index.ascending(fields) && conditions.get(next) instanceof Condition.Range r) {
            range = r;
        }
        boolean ordered = false;
        boolean descending = false;
        if (orderBy != null && orderBy.size() == 1 && next != null && orderBy.containsKey(next)) {
            int direction = ((Number) orderBy.get(next)).intValue();
            ordered = true;
            descending = (direction < 0) == index.ascending(fields);
        }
        if (fields == 0 && range == null && !ordered) {
            return null;
        }
        int coveredFields = fields + (range != null ? 1 : 0);
        boolean covered = onlyFields
                && conditions.size() == coveredFields
                && conditions.keySet().stream().allMatch(f -> isAmongFirst(index, f, coveredFields));
        return new QueryPlan(index, prefixes, range, ordered, descending, covered);
    }

    private static boolean isAmongFirst(OrderedIndex index, String field, int count) {
        for (int i = 0; i < count; i++) {
            if (index.field(i).equals(field)) {
                return true;
            }
        }
        return false;
    }

    private static List<List<Object>> combine(List<List<Object>> prefixes, List<Object> values) {
        List<List<Object>> combined = new ArrayList<>();
        for (List<Object> prefix : prefixes) {
            for (Object value : values) {
                List<Object> longer = new ArrayList<>(prefix);
                longer.add(value);
                combined.add(longer);
            }
        }
        return combined;
    }

    /** More fields narrowed first; then a range; then coming in order. */
    private boolean betterThan(QueryPlan other) {
        int fields = prefixes.get(0).size();
        int otherFields = other.prefixes.get(0).size();
        if (fields != otherFields) {
            return fields > otherFields;
        }
        if ((range != null) != (other.range != null)) {
            return range != null;
        }
        return ordered && !other.ordered;
    }

    /** The entries the plan reads, one ordered set per combination of equalities. */
    List<IndexEntries.Slice> entries() {
        return prefixes.stream()
                .map(prefix -> index.entries(prefix, range, descending))
                .toList();
    }

    /** The positions of the candidates, combination after combination. */
    Stream<StoredKey> positions() {
        return entries().stream()
                .flatMap(slice -> StreamSupport.stream(slice.spliterator(), false))
                .map(OrderedIndex::position);
    }

    /** How many documents a {@link #covered} plan finds. */
    long count() {
        long count = 0;
        for (IndexEntries.Slice entries : entries()) {
            if (range == null) {
                count += entries.count();
            } else {
                // a range reads in MongoDB's order of all types; the query matches only values of its bound's type
                int field = prefixes.get(0).size();
                for (Object[] entry : entries) {
                    if (sameTypeAsBounds(OrderedIndex.value(entry, field))) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private boolean sameTypeAsBounds(Object value) {
        return Condition.sameType(value, range.anyBound());
    }
}
