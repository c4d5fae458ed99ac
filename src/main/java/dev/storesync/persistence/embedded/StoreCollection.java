package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/** A collection in the file: its documents as BSON, by the bytes of their {@code _id}. */
final class StoreCollection extends AbstractSynchronizedMongoCollection<Object> {
    private final MVMap<StoredKey, StoredDocument> documents;

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
        StoredKey position = StoredKey.of(id);
        StoredDocument previous = documents.putIfAbsent(position, StoredDocument.of(document));
        if (previous != null) {
            throw new IllegalStateException("a document with _id " + id + " is already in " + this);
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

    @Override
    protected Document getDocument(Object position) {
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

    @Override
    protected QueryResult matchDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Stream<Document> stream;
        if (isNaturalDescending(orderBy)) {
            stream = streamAllDocumentsWithPosition()
                    .sorted(Comparator.comparing(d -> (StoredKey) d.getPosition(), Comparator.reverseOrder()))
                    .map(DocumentWithPosition::getDocument);
        } else {
            stream = documents.values().stream().map(StoredDocument::document);
        }
        return matchDocumentsFromStream(stream, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }
}
