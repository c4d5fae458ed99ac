package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's backend over one H2 MVStore, like its own H2 backend but with explicit storage types: documents
 * are stored as BSON and keys as bytes ({@link StoredKey}), where the stock backend let H2 Java-serialize both. A file
 * the stock backend wrote is converted once when it is opened ({@link LegacyFormat}).
 */
public final class StoreBackend extends AbstractMongoBackend {
    private final MVStore store;
    /**
     * Requests and commits share it; {@link #shrinkFile} takes it alone. H2 moves chunks under its own store lock, but
     * {@code compactFile} is what H2 itself runs when it closes a store: a slice of it runs with no request in flight.
     */
    private final ReentrantReadWriteLock access = new ReentrantReadWriteLock();

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

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        return shared(() -> super.handleCommand(channel, databaseName, command, query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return shared(() -> super.handleMessage(message));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return shared(() -> super.handleQuery(query));
    }

    /** Writes what changed to the file (without forcing it to the disk). */
    public void commit() {
        shared(store::commit);
    }

    /**
     * Moves the live chunks at the file's end into the free space before them and cuts the file there, for at most
     * {@code longest}; requests wait meanwhile (they are answered late, none is refused). H2 sets the store's
     * retention time to 0 for this and leaves it so; it is put back, since it is what keeps a crash from reopening
     * pages whose space was already reused.
     */
    public void shrinkFile(Duration longest) {
        Lock alone = access.writeLock();
        alone.lock();
        try {
            int retention = store.getRetentionTime();
            try {
                store.compactFile((int) longest.toMillis());
            } finally {
                store.setRetentionTime(retention);
            }
        } finally {
            alone.unlock();
        }
    }

    private <T> T shared(Supplier<T> work) {
        Lock shared = access.readLock();
        shared.lock();
        try {
            return work.get();
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void close() {
        super.close();
        store.close();
    }
}
