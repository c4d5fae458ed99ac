package dev.storesync.persistence.embedded;

import java.util.function.Function;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;

/**
 * Copies the live data of a database file into a new one. MVStore reuses the space that deletions free but does not give
 * it back: after a backlog of 100,000 webhooks is cleaned up the file keeps its hundreds of MB. Cutting it back in place
 * while the service runs (H2's {@code compactFile}) lost data with H2 2.3 (bench/README.md, issue 17); a copy made
 * before the service opens the file moves nothing inside a file in use, and the original stays whole until the finished
 * copy replaces it ({@code EmbeddedMongoServer} does that at start-up).
 */
public final class FileRewrite {
    /**
     * Which files a start copies: those of at least {@code minBytes} whose live data fill less than
     * {@code liveBelowPercent} of them.
     */
    public record CutBack(long minBytes, int liveBelowPercent) {
        /**
         * Files of 64 MB or more, half free: a smaller file's copy would save little and cost start-up time, and a
         * fuller one is reused as it is.
         */
        public static final CutBack DEFAULT = new CutBack(64L * 1024 * 1024, 50);
    }

    private FileRewrite() {}

    /**
     * How large {@code store}'s file is, how much of it is live, and whether {@code cutBack} copies it; a file of the
     * stock backend is never copied (it is converted first, by {@link StoreBackend}).
     */
    public static FileSpace measure(MVStore store, CutBack cutBack) {
        long bytes = store.getFileStore().size();
        // the blocks chunks use, times how full those chunks are
        int livePercent =
                store.getFileStore().getFillRate() * store.getFileStore().getChunksFillRate() / 100;
        boolean worthCopying = bytes >= cutBack.minBytes()
                && livePercent < cutBack.liveBelowPercent()
                && store.getMapNames().stream().noneMatch(LegacyFormat::isLegacy);
        return new FileSpace(bytes, livePercent, worthCopying);
    }

    /**
     * Copies every collection and unique index of {@code from} into the empty {@code to}, in key order, and puts the
     * copy on the disk. Documents are copied as their bytes, not decoded. Maps of no collection (the compaction's
     * version marks) are not copied.
     */
    public static void copy(MVStore from, MVStore to) {
        for (String name : from.getMapNames()) {
            if (MapNames.isDocuments(name)) {
                copyMap(from, to, name, StorageTypes.DOCUMENT_BYTES);
            } else if (MapNames.isIndex(name)) {
                copyMap(from, to, name, StorageTypes.KEY);
            }
        }
        to.commit();
        to.sync();
    }

    private static <V> void copyMap(MVStore from, MVStore to, String name, DataType<V> valueType) {
        Function<MVStore, MVMap<StoredKey, V>> open = store -> store.openMap(
                name,
                new MVMap.Builder<StoredKey, V>().keyType(StorageTypes.KEY).valueType(valueType));
        MVMap<StoredKey, V> source = open.apply(from);
        MVMap<StoredKey, V> target = open.apply(to);
        for (Cursor<StoredKey, V> entries = source.cursor(null); entries.hasNext(); ) {
            target.put(entries.next(), entries.getValue());
        }
    }
}
