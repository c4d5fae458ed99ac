package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import java.util.function.Predicate;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** A database in the file: one map per collection, one per unique index (see {@link MapNames}). */
final class StoreDatabase extends AbstractSynchronizedMongoDatabase<Object> {
    private final MVStore store;

    StoreDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, cursorRegistry);
        this.store = store;
        initializeNamespacesAndIndexes();
    }

    static MVMap<StoredKey, StoredDocument> documents(MVStore store, String namespace) {
        return store.openMap(
                MapNames.data(namespace),
                new MVMap.Builder<StoredKey, StoredDocument>()
                        .keyType(StorageTypes.KEY)
                        .valueType(StorageTypes.DOCUMENT));
    }

    static MVMap<StoredKey, StoredKey> index(MVStore store, String namespace, String indexName) {
        return store.openMap(
                MapNames.index(namespace, indexName),
                new MVMap.Builder<StoredKey, StoredKey>()
                        .keyType(StorageTypes.KEY)
                        .valueType(StorageTypes.KEY));
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        return new StoreCollection(this, collectionName, options, documents(store, namespace), cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        String namespace = getFullCollectionNamespace(collectionName);
        if (IdIndex.isPrimaryKey(indexName, keys)) {
            // older files kept the _id index in a map of its own
            if (store.hasMap(MapNames.index(namespace, indexName))) {
                store.removeMap(MapNames.index(namespace, indexName));
            }
            return new IdIndex(documents(store, namespace));
        }
        return new StoreUniqueIndex(index(store, namespace, indexName), indexName, keys, sparse);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        if (sparse) {
            return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
        return new OrderedIndex(indexName, keys, document -> StoredKey.position(document.get(IdIndex.ID)));
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        removeMaps(name -> name.equals(MapNames.index(collection.getFullName(), indexName)));
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String namespace = getFullCollectionNamespace(collectionName);
        removeMaps(name -> MapNames.isOfCollection(name, namespace));
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        removeMaps(name -> MapNames.isOfDatabase(name, databaseName));
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String from = collection.getFullName();
        String to = getFullCollectionNamespace(newCollectionName);
        store.renameMap(documents(store, from), MapNames.data(to));
        for (Index<?> index : collection.getIndexes()) {
            store.renameMap(index(store, from, index.getName()), MapNames.index(to, index.getName()));
        }
    }

    private void removeMaps(Predicate<String> which) {
        for (String name : List.copyOf(store.getMapNames())) {
            if (which.test(name)) {
                store.removeMap(name);
            }
        }
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> file = store.getFileStore();
        return file == null ? 0 : file.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
