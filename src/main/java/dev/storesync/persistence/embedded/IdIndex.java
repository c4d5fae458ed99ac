package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import java.util.List;
import org.h2.mvstore.MVMap;

/**
 * The {@code _id} index, answered by the collection's own map, which is keyed by {@code _id} already: a second map (the
 * stock backend kept one) would be one more B-tree to write on every insert and commit. {@code _id} never changes once
 * a document exists, so updates leave it alone.
 */
final class IdIndex extends Index<Object> {
    static final String NAME = "_id_";
    static final String ID = "_id";

    private final MVMap<StoredKey, StoredDocument> documents;

    IdIndex(MVMap<StoredKey, StoredDocument> documents) {
        super(NAME, List.of(new IndexKey(ID, true)), false);
        this.documents = documents;
    }

    static boolean isPrimaryKey(String indexName, List<IndexKey> keys) {
        return NAME.equals(indexName)
                && keys.size() == 1
                && ID.equals(keys.get(0).getKey());
    }

    @Override
    public Object getPosition(Document document) {
        StoredKey position = StoredKey.position(document.get(ID));
        return documents.containsKey(position) ? position : null;
    }

    /**
     * The collection's own write finds a duplicate {@code _id} ({@link #duplicate}): a look-up here first would be one
     * more descent of the B-tree for every insert, reading its pages from the file.
     */
    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {}

    /** What an insert of a document whose {@code _id} is already there fails with, as MongoDB fails it. */
    DuplicateKeyError duplicate(Document document, MongoCollection<Object> collection) {
        return new DuplicateKeyError(this, collection, getKeys(), new KeyValue(document.get(ID)));
    }

    /** The collection's map holds the document, and with it this index's entry. */
    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {}

    /** Called before the collection removes the document from its map: the entry is still there. */
    @Override
    public Object remove(Document document) {
        return getPosition(document);
    }

    /** Queries by {@code _id} are answered by {@link StoreCollection} directly, with any other condition. */
    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("queries by _id are answered by the collection");
    }

    @Override
    public long getCount() {
        return documents.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {}

    @Override
    public void drop() {}

    @Override
    public boolean isUnique() {
        return true;
    }
}
