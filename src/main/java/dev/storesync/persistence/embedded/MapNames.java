package dev.storesync.persistence.embedded;

import java.util.Optional;

/**
 * The names of the file's maps: one per collection and one per unique index. Their prefix also tells this format from
 * the one mongo-java-server's own H2 backend wrote ({@link LegacyFormat}), whose maps start {@code databases.},
 * {@code meta.} or carry {@code ._index_}.
 */
final class MapNames {
    private static final String DATA = "bson/data/";
    private static final String INDEX = "bson/index/";

    private MapNames() {}

    /** @param namespace database and collection, {@code db.collection} */
    static String data(String namespace) {
        return DATA + namespace;
    }

    static String index(String namespace, String indexName) {
        return INDEX + namespace + "/" + indexName;
    }

    static boolean isOfDatabase(String mapName, String databaseName) {
        return mapName.startsWith(DATA + databaseName + ".") || mapName.startsWith(INDEX + databaseName + ".");
    }

    static boolean isOfCollection(String mapName, String namespace) {
        return mapName.equals(data(namespace)) || mapName.startsWith(INDEX + namespace + "/");
    }

    static boolean isDocuments(String mapName) {
        return mapName.startsWith(DATA);
    }

    static boolean isIndex(String mapName) {
        return mapName.startsWith(INDEX);
    }

    static boolean isOurs(String mapName) {
        return mapName.startsWith(DATA) || mapName.startsWith(INDEX);
    }

    /** The database a collection's map belongs to. */
    static Optional<String> databaseOf(String mapName) {
        if (!mapName.startsWith(DATA)) {
            return Optional.empty();
        }
        String namespace = mapName.substring(DATA.length());
        int dot = namespace.indexOf('.');
        return dot > 0 ? Optional.of(namespace.substring(0, dot)) : Optional.empty();
    }
}
