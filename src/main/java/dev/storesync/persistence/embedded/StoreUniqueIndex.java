package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map.Entry;
import org.h2.mvstore.MVMap;

/** A unique index in the file: the key's bytes to the position (the {@code _id}'s bytes) of its document. */
final class StoreUniqueIndex extends AbstractUniqueIndex<Object> {
    private final MVMap<StoredKey, StoredKey> map;

    StoreUniqueIndex(MVMap<StoredKey, StoredKey> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(StoredKey.of(keyValue));
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(StoredKey.of(keyValue), (StoredKey) position) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return () -> map.entrySet().stream()
                .<Entry<KeyValue, Object>>map(
                        e -> new SimpleImmutableEntry<>(e.getKey().keyValue(), e.getValue()))
                .iterator();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return map.get(StoredKey.of(keyValue));
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
