package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a file written by mongo-java-server's own H2 backend (storesync up to 0.x: Java-serialized documents and
 * keys) into this backend's format, in place, at the first start after an upgrade. Interrupted (killed) half way, it
 * starts over at the next start: the old maps are only removed in the commit that also holds all the new ones.
 */
final class LegacyFormat {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyFormat.class);
    private static final String DATA = "databases.";
    private static final String META = "meta.";
    private static final String INDEX = "._index_";

    private LegacyFormat() {}

    static void convert(MVStore store) {
        List<String> legacy =
                store.getMapNames().stream().filter(LegacyFormat::isLegacy).toList();
        if (legacy.stream().noneMatch(name -> name.startsWith(DATA))) {
            return;
        }
        // what an interrupted conversion left behind
        store.getMapNames().stream().filter(MapNames::isOurs).toList().forEach(store::removeMap);
        long documents = 0;
        for (String name : legacy) {
            if (name.startsWith(DATA)) {
                documents += copyDocuments(store, name, name.substring(DATA.length()));
            } else if (name.contains(INDEX) && !name.endsWith(INDEX + "_id_")) {
                int at = name.indexOf(INDEX);
                copyIndex(store, name, name.substring(0, at), name.substring(at + INDEX.length()));
            }
        }
        legacy.forEach(store::removeMap);
        store.commit();
        store.sync();
        LOG.info(
                "Converted the database file to BSON storage: {} documents in {} collections",
                documents,
                legacy.stream().filter(name -> name.startsWith(DATA)).count());
    }

    /** Whether a map is one the stock backend wrote. */
    static boolean isLegacy(String mapName) {
        return mapName.startsWith(DATA) || mapName.startsWith(META) || mapName.contains(INDEX);
    }

    private static long copyDocuments(MVStore store, String legacyName, String namespace) {
        MVMap<Object, Object> from = store.openMap(legacyName);
        MVMap<StoredKey, StoredDocument> to = StoreDatabase.documents(store, namespace);
        for (Map.Entry<Object, Object> entry : from.entrySet()) {
            to.put(position(entry.getKey()), StoredDocument.of((Document) entry.getValue()));
        }
        return from.sizeAsLong();
    }

    private static void copyIndex(MVStore store, String legacyName, String namespace, String indexName) {
        MVMap<Object, Object> from = store.openMap(legacyName);
        MVMap<StoredKey, StoredKey> to = StoreDatabase.index(store, namespace, indexName);
        for (Map.Entry<Object, Object> entry : from.entrySet()) {
            to.put(StoredKey.of((KeyValue) entry.getKey()), position(entry.getValue()));
        }
    }

    /** A document's key: its {@code _id}, or in collections without one a random UUID, as {@link StoreCollection}. */
    private static StoredKey position(Object legacyKey) {
        return StoredKey.position(legacyKey instanceof UUID uuid ? uuid.toString() : legacyKey);
    }
}
