package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/** A collection in the file: its documents as BSON, by the bytes of their {@code _id}. */
final class StoreCollection extends AbstractSynchronizedMongoCollection<Object> {
    private final MVMap<StoredKey, StoredDocument> documents;
    /** Documents looked at by queries since the collection opened: what tests hold the query planning to. */
    private final LongAdder documentsRead = new LongAdder();

    StoreCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<StoredKey, StoredDocument> documents,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
        this.documents = documents;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        // system collections (the index list) have no _id: a random key stands in
        Object id = getIdField() != null
                ? Utils.getSubdocumentValue(document, getIdField())
                : UUID.randomUUID().toString();
        StoredKey position = StoredKey.position(id);
        StoredDocument previous = documents.putIfAbsent(position, StoredDocument.of(document));
        if (previous != null) {
            // before any other index took the document: the insert fails as a whole
            throw indexes(IdIndex.class).stream()
                    .findFirst()
                    .map(index -> (RuntimeException) index.duplicate(document, this))
                    .orElseGet(() -> new IllegalStateException("a document with _id " + id + " is already in " + this));
        }
        return position;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        documents.put((StoredKey) position, StoredDocument.of(newDocument));
    }

    @Override
    protected void removeDocument(Object position) {
        if (documents.remove(position) == null) {
            throw new NoSuchElementException("no document at " + position + " in " + this);
        }
    }

    long documentsRead() {
        return documentsRead.sum();
    }

    @Override
    protected Document getDocument(Object position) {
        documentsRead.increment();
        StoredDocument stored = documents.get(position);
        return stored == null ? null : stored.document();
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    /** Sizes are only asked for by statistics commands: summed when asked rather than written on every change. */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {}

    @Override
    protected int getDataSize() {
        long size = 0;
        for (StoredDocument stored : documents.values()) {
            size += stored.bson().length;
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream()
                .map(e -> new DocumentWithPosition<>(e.getValue().document(), e.getKey()));
    }

    /**
     * Finds documents without reading them all where it can: by {@code _id} (with any other condition), or through an
     * {@link OrderedIndex}: in order and only as far as the limit when the index sorts as the query does. What is found
     * is matched against the whole query, sorted, skipped and limited as before.
     */
    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        QueryPlan.Conditions conditions = QueryPlan.Conditions.of(query);
        Optional<List<Document>> candidates = byId(conditions)
                .or(() -> QueryPlan.choose(indexes(OrderedIndex.class), conditions, orderBy)
                        .map(plan -> candidates(plan, query, limit > 0 ? numberToSkip + limit : 0)));
        if (candidates.isEmpty()) {
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchDocumentsFromStream(
                candidates.get().stream(), query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** Counts from an index alone when every condition of the query is on its fields. */
    @Override
    public synchronized int count(Document query, int skip, int limit) {
        // a covered plan has conditions on the index's fields only, so never on _id
        if (query != null && !query.isEmpty()) {
            Optional<QueryPlan> plan = QueryPlan.choose(
                            indexes(OrderedIndex.class), QueryPlan.Conditions.of(query), null)
                    .filter(QueryPlan::covered);
            if (plan.isPresent()) {
                long count = Math.max(0, plan.get().count() - Math.max(skip, 0));
                return (int) Math.min(limit > 0 ? limit : Integer.MAX_VALUE, count);
            }
        }
        return super.count(query, skip, limit);
    }

    private Optional<List<Document>> byId(QueryPlan.Conditions conditions) {
        // system collections are keyed by another field (the namespace list by name) or by nothing
        if (!IdIndex.ID.equals(getIdField())) {
            return Optional.empty();
        }
        if (conditions.byField().get(IdIndex.ID) instanceof Condition.Equals ids) {
            return Optional.of(ids.values().stream()
                    .distinct()
                    .map(this::byId)
                    .flatMap(Optional::stream)
                    .toList());
        }
        return Optional.empty();
    }

    private Optional<Document> byId(Object id) {
        documentsRead.increment();
        return Optional.ofNullable(documents.get(StoredKey.position(id))).map(StoredDocument::document);
    }

    /**
     * The documents a plan finds; for a plan in the query's order with a limit, only the first {@code wanted} matches of
     * each combination of equalities (the sort then merges them).
     */
    private List<Document> candidates(QueryPlan plan, Document query, int wanted) {
        if (!plan.ordered() || wanted == 0) {
            return plan.positions().map(this::getDocument).toList();
        }
        List<Document> found = new ArrayList<>();
        for (IndexEntries.Slice entries : plan.entries()) {
            int matched = 0;
            for (Object[] entry : entries) {
                Document document = getDocument(OrderedIndex.position(entry));
                if (documentMatchesQuery(document, query)) {
                    found.add(document);
                    if (++matched == wanted) {
                        break;
                    }
                }
            }
        }
        return found;
    }

    private <T> List<T> indexes(Class<T> kind) {
        List<T> found = new ArrayList<>();
        for (Index<Object> index : getIndexes()) {
            if (kind.isInstance(index)) {
                found.add(kind.cast(index));
            }
        }
        return found;
    }

    @Override
    protected QueryResult matchDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Stream<Document> stream;
        if (isNaturalDescending(orderBy)) {
            stream = streamAllDocumentsWithPosition()
                    .sorted(Comparator.comparing(d -> (StoredKey) d.getPosition(), Comparator.reverseOrder()))
                    .map(DocumentWithPosition::getDocument);
        } else {
            stream = documents.values().stream().map(StoredDocument::document).peek(d -> documentsRead.increment());
        }
        return matchDocumentsFromStream(stream, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
