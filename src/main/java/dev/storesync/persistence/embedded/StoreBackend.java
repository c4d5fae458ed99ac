package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's backend over one H2 MVStore, like its own H2 backend but with explicit storage types: documents
 * are stored as BSON and keys as bytes ({@link StoredKey}), where the stock backend let H2 Java-serialize both. A file
 * the stock backend wrote is converted once when it is opened ({@link LegacyFormat}).
 */
public final class StoreBackend extends AbstractMongoBackend {
    private final MVStore store;

    public StoreBackend(MVStore store) {
        this.store = store;
        LegacyFormat.convert(store);
        store.getMapNames().stream()
                .map(MapNames::databaseOf)
                .flatMap(java.util.Optional::stream)
                .distinct()
                .forEach(this::resolveDatabase);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, store, getCursorRegistry());
    }

    /** Writes what changed to the file (without forcing it to the disk). */
    public void commit() {
        store.commit();
    }

    @Override
    public void close() {
        super.close();
        store.close();
    }
}
