package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A non-unique index, kept in memory: the embedded database belongs to this one process (its file is locked), so the
 * index is rebuilt from the documents when the database opens and never written to the file. mongo-java-server ignores
 * non-unique indexes; with this one the collection finds due tasks, counts them and answers "the oldest N" without
 * reading every document ({@link QueryPlan}). A real MongoDB serves the same queries from the same declared indexes.
 *
 * <p>Entries are the normalized values of the index's fields, then the document's position; they sort as MongoDB sorts
 * values, packed in {@link IndexEntries}. Only the collection's synchronized methods use it.
 */
final class OrderedIndex extends Index<Object> {
    private static final Object LOWEST = new Object();
    private static final Object HIGHEST = new Object();

    private static final int MAX_SHARED = 4096;

    private final Function<Document, StoredKey> positionOf;
    private final Map<String, String> strings = new HashMap<>();
    private final IndexEntries entries;
    /** A document had an array in an indexed field: array values match by element, which this index does not model. */
    private boolean multikey;

    OrderedIndex(String name, List<IndexKey> keys, Function<Document, StoredKey> positionOf) {
        super(name, keys, false);
        this.positionOf = positionOf;
        // runs: the entries equal in all but the last field (one destination and status), which grow by time
        this.entries = new IndexEntries(keys.size() + 1, keys.size() - 1, columnOrder(keys));
    }

    /** Whether queries may be planned on it. */
    boolean usable() {
        return !multikey;
    }

    int size() {
        return getKeys().size();
    }

    boolean ascending(int field) {
        return getKeys().get(field).isAscending();
    }

    String field(int field) {
        return getKeys().get(field).getKey();
    }

    /** The entries whose first fields equal {@code prefix} and whose next field is within {@code range}, in order. */
    IndexEntries.Slice entries(List<Object> prefix, Condition.Range range, boolean descending) {
        Object[] from = probe(prefix, LOWEST);
        Object[] to = probe(prefix, HIGHEST);
        if (range != null) {
            if (range.lower() != null) {
                from[prefix.size()] = range.lower();
                fill(from, prefix.size() + 1, range.lowerInclusive() ? LOWEST : HIGHEST);
            }
            if (range.upper() != null) {
                to[prefix.size()] = range.upper();
                fill(to, prefix.size() + 1, range.upperInclusive() ? HIGHEST : LOWEST);
            }
        }
        return entries.slice(from, to, descending);
    }

    static StoredKey position(Object[] entry) {
        return new StoredKey((byte[]) entry[entry.length - 1]);
    }

    static Object value(Object[] entry, int field) {
        return entry[field];
    }

    private Object[] probe(List<Object> prefix, Object rest) {
        Object[] probe = new Object[size() + 1];
        for (int i = 0; i < prefix.size(); i++) {
            probe[i] = prefix.get(i);
        }
        fill(probe, prefix.size(), rest);
        return probe;
    }

    private static void fill(Object[] probe, int from, Object value) {
        for (int i = from; i < probe.length; i++) {
            probe[i] = value;
        }
    }

    private Object[] entry(Document document) {
        return entry(document, positionOf.apply(document));
    }

    /**
     * The position is held as the bytes of the collection's own key object, not the object: the bytes are shared with
     * the collection's map and the document's other indexes, and a key object more would cost 24 bytes per entry
     * (9 MB of heap for the ~390,000 keys of a backlog run, bench/README.md).
     */
    private Object[] entry(Document document, Object position) {
        Object[] entry = new Object[size() + 1];
        for (int i = 0; i < size(); i++) {
            String field = field(i);
            // a top-level field directly: the path walk splits every path with a regular expression, at every write
            Object value = field.indexOf('.') < 0 ? document.get(field) : Utils.getSubdocumentValue(document, field);
            if (value instanceof Collection<?>) {
                multikey = true;
            }
            entry[i] = value;
        }
        KeyValue normalized = new KeyValue(Arrays.asList(entry).subList(0, size())).normalized();
        for (int i = 0; i < size(); i++) {
            entry[i] = shared(normalized.get(i));
        }
        entry[size()] = ((StoredKey) position).bytes();
        return entry;
    }

    /**
     * Indexed strings are few and repeated (destinations, statuses): each decoded document has its own copies, which the
     * index would keep alive, a copy per entry. One copy per distinct string, up to a bound, instead.
     */
    private Object shared(Object value) {
        if (value instanceof String s && s.length() <= 64 && (strings.size() < MAX_SHARED || strings.containsKey(s))) {
            return strings.computeIfAbsent(s, k -> k);
        }
        return value;
    }

    private static IndexEntries.ColumnOrder columnOrder(List<IndexKey> keys) {
        return (column, x, y) -> {
            if (x == y) {
                return 0;
            }
            if (x == LOWEST || y == HIGHEST) {
                return -1;
            }
            if (x == HIGHEST || y == LOWEST) {
                return 1;
            }
            if (column == keys.size()) {
                // as StoredKey orders them
                return Arrays.compareUnsigned((byte[]) x, (byte[]) y);
            }
            return (keys.get(column).isAscending() ? ValueComparator.asc() : ValueComparator.desc()).compare(x, y);
        };
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        entries.add(entry(document, position));
    }

    @Override
    public Object remove(Document document) {
        Object[] entry = entry(document);
        return entries.remove(entry) ? position(entry) : null;
    }

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        Object[] before = entry(oldDocument, position);
        Object[] after = entry(newDocument, position);
        // the position is an array: compared by its bytes
        if (!Arrays.deepEquals(before, after)) {
            entries.remove(before);
            entries.add(after);
        }
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {}

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

    /** The collection plans its queries itself ({@link QueryPlan}); the generic path only knows unique indexes. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("planned by the collection");
    }

    @Override
    public long getCount() {
        return entries.size();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear();
    }
}
