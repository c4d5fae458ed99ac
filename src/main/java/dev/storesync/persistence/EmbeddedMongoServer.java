package dev.storesync.persistence;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import de.bwaldvogel.mongo.MongoServer;
import dev.storesync.persistence.embedded.FileRewrite;
import dev.storesync.persistence.embedded.FileSpace;
import dev.storesync.persistence.embedded.StoreBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-compatible server (mongo-java-server) persisted in one H2 MVStore file under the data directory, bound
 * to loopback on a free port. The service talks to it with the real MongoDB driver, exactly as to an external server.
 *
 * <p>MVStore only writes to its file on commit (by default about once a second), and a write only reaches the disk
 * once the file is forced: a {@code kill -9} could lose writes the driver had already seen acknowledged, a power cut or
 * a host crash even written ones. {@link #commit()} closes both gaps (it writes and forces the file): callers that
 * promise durability (the webhook intake before it answers 200, the admin API, a reconcile's progress) commit first.
 *
 * <p>Only this process can use it. The data folder is 0700 and the file 0600 ({@link PrivateFiles}), and the server,
 * which any local user could otherwise connect to, asks for a login ({@link AuthenticatingBackend}): a password drawn
 * at each start, which only lives in this JVM and reaches the driver through {@link #clientSettings()}.
 */
public final class EmbeddedMongoServer implements AutoCloseable {
    static final String FILE_NAME = "storesync.mv.db";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongoServer.class);
    /**
     * How long space freed in the file waits before it is written over. MVStore's default, 45 s, guards against a file
     * system that holds writes back that long; at a few hundred commits a second it also keeps 45 s of old pages in the
     * file (hundreds of MB). Here every write is forced within {@link #SYNC_PERIOD}, so three periods suffice (5 s
     * kept 20 % more file per stored webhook at full intake rate; bench/README.md, issue 17's fifth stop).
     */
    static final int RETENTION_MILLIS = 3_000;
    /**
     * MVStore's page cache, in MB; its default is 16, and 0 turns it off. Webhooks land on random pages, so at intake
     * rates any cache turns over in a fraction of a second: its pages outlived a few young collections, were promoted
     * and then dropped, and the old generation filled with them (at 8 MB a full collection every 0.8 s at 3,000
     * webhooks/s, at 2 MB every 5-8 s, each 70-90 ms: the intake's p99). Without it a page read lives as long as the
     * request that read it; the file's pages stay in the OS's cache, and the inserts no longer look a key up before
     * writing it ({@code IdIndex#checkAdd}), which paid for the extra reads (bench/README.md, issue 17's seventh stop).
     */
    static final int CACHE_MB = 0;
    /**
     * How many entries a page of the file's B-trees holds before it is split; MVStore's default is 48. A webhook's event
     * and task land in random places of their collections (their ids are hashes and resource ids), so each commit
     * rewrites one whole page per document it wrote, and the file grows by what commits rewrite: with 48 documents of
     * a few hundred bytes a page it grew by 3.6-4.3 KB per stored webhook, with 16 by 2.5-2.7 KB (bench/README.md,
     * issue 17's seventh stop). MVStore also splits by size, but only with a page cache (it derives the size from the
     * cache's), and H2 2.3 ignores its {@code pageSplitSize} setting.
     */
    static final int KEYS_PER_PAGE = 16;
    /** MVStore also commits on its own (about once a second) without forcing the file: this forces what it wrote. */
    static final Duration SYNC_PERIOD = Duration.ofSeconds(1);
    /** MVStore's default number of old versions it keeps readable. */
    private static final int VERSIONS_KEPT = 5;
    /** A map of this class's own, outside the collections' ({@code persistence.embedded.MapNames}). */
    private static final String COMPACTION_MARKS = "storesync/compaction";
    /** Chunks less full than this are rewritten by {@link #compact()}. */
    private static final int COMPACT_BELOW_FILL_PERCENT = 90;
    /** What one round of {@link #compact()} rewrites at most. */
    private static final int COMPACT_BYTES_PER_ROUND = 16 * 1024 * 1024;
    /** The longest one cleanup may spend compacting. */
    static final int COMPACT_MILLIS = 10_000;

    private final StoreBackend backend;
    private final MVStore store;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final MongoCredential credential;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "storesync-db-sync");
        thread.setDaemon(true);
        return thread;
    });
    private final Condition commitDone = commitLock.newCondition();
    private long requested;
    private long committed;
    private boolean committing;
    /** Which files a start cuts back ({@link FileRewrite.CutBack#DEFAULT}). */
    private final FileRewrite.CutBack cutBack;
    /** How many writes to the file the last force covered; only the sync ticker reads it. */
    private volatile long forcedWrites = -1;

    private EmbeddedMongoServer(
            StoreBackend backend,
            MVStore store,
            MongoServer server,
            InetSocketAddress address,
            MongoCredential credential,
            FileRewrite.CutBack cutBack) {
        this.backend = backend;
        this.cutBack = cutBack;
        this.store = store;
        this.server = server;
        this.address = address;
        this.credential = credential;
    }

    /** Opens (or creates) the database file under {@code dataDir} and starts serving it on 127.0.0.1. */
    public static EmbeddedMongoServer start(Path dataDir) {
        return start(dataDir, "");
    }

    /** @param fileSystem an H2 file system prefix (tests watch the file's writes through one), or nothing */
    static EmbeddedMongoServer start(Path dataDir, String fileSystem) {
        return start(dataDir, fileSystem, FileRewrite.CutBack.DEFAULT);
    }

    /** @param cutBack which files are copied at start (tests copy small ones) */
    static EmbeddedMongoServer start(Path dataDir, String fileSystem, FileRewrite.CutBack cutBack) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            // the folder first: whatever else happens, nobody else can reach the file
            PrivateFiles.folder(dataDir);
            PrivateFiles.file(file);
        } catch (IOException e) {
            throw new UncheckedIOException("DATA_DIR " + dataDir.toAbsolutePath() + " cannot be created", e);
        }
        MVStore store = cutBackIfMostlyFree(open(dataDir, fileSystem + file), dataDir, file, fileSystem, cutBack);
        char[] password = password();
        StoreBackend backend = new StoreBackend(store);
        MongoServer server = new MongoServer(new AuthenticatingBackend(backend, password));
        server.bind("127.0.0.1", 0);
        MongoCredential credential = MongoCredential.createPlainCredential(
                AuthenticatingBackend.USER, AuthenticatingBackend.SOURCE, password);
        EmbeddedMongoServer embedded =
                new EmbeddedMongoServer(backend, store, server, server.getLocalAddress(), credential, cutBack);
        embedded.syncer.scheduleWithFixedDelay(
                embedded::syncQuietly, SYNC_PERIOD.toMillis(), SYNC_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return embedded;
    }

    private static MVStore open(Path dataDir, String fileName) {
        try {
            MVStore store = new MVStore.Builder()
                    .fileName(fileName)
                    .cacheSize(CACHE_MB)
                    .keysPerPage(KEYS_PER_PAGE)
                    .open();
            store.setRetentionTime(RETENTION_MILLIS);
            return store;
        } catch (MVStoreException e) {
            throw new IllegalStateException(
                    "DATA_DIR " + dataDir.toAbsolutePath() + " cannot be opened (is another storesync using it?): "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * MVStore reuses the space the cleanup's deletions free, but never gives it back: after a backlog of 100,000
     * webhooks the file keeps its hundreds of MB. So at start, before anything uses the file, a file that is mostly
     * free space is copied, live data only, to a new file that then replaces it ({@link FileRewrite}). Until the copy
     * is complete and on the disk the original is untouched; a start stopped half way leaves a copy that the next start
     * deletes, and a copy that fails (a full disk) leaves the file as it was, with a warning.
     */
    private static MVStore cutBackIfMostlyFree(
            MVStore store, Path dataDir, Path file, String fileSystem, FileRewrite.CutBack cutBack) {
        Path copy = file.resolveSibling(FILE_NAME + ".copy");
        deleteQuietly(copy);
        FileSpace space = FileRewrite.measure(store, cutBack);
        if (!space.cutBackAtNextStart()) {
            return store;
        }
        long started = System.nanoTime();
        try {
            PrivateFiles.file(copy);
            try (MVStore target = open(dataDir, fileSystem + copy)) {
                FileRewrite.copy(store, target);
            }
            store.close();
            force(copy);
            Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            force(dataDir);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "The database file ({}, {} % of it live) could not be cut back and is used as it is: {}",
                    megabytes(space.bytes()), space.livePercent(), e.toString());
            deleteQuietly(copy);
            return store.isClosed() ? open(dataDir, fileSystem + file) : store;
        }
        MVStore reopened = open(dataDir, fileSystem + file);
        LOG.info(
                "Cut the database file back from {} ({} % of it live) to {} in {} ms",
                megabytes(space.bytes()),
                space.livePercent(),
                megabytes(reopened.getFileStore().size()),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return reopened;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** Puts a file, or a folder's entries (the rename), on the disk. */
    private static void force(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e;
            }
            // some systems (Windows) cannot open a folder to force it; the rename is then as durable as they make it
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("{} could not be deleted: {}", file, e.toString());
        }
    }

    /** 256 random bits, in the letters SASL PLAIN carries without question. */
    private static char[] password() {
        byte[] bits = new byte[32];
        new SecureRandom().nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits).toCharArray();
    }

    /** Where the server listens; no credentials, so it may be shown anywhere. Connect with {@link #clientSettings()}. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    int port() {
        return address.getPort();
    }

    /**
     * What a driver needs to use this server: its address and the login of this start (the credential prints its
     * password as {@code <hidden>}). Add timeouts and the like with {@code MongoClientSettings.builder(settings)}.
     */
    public MongoClientSettings clientSettings() {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString()))
                .credential(credential)
                .build();
    }

    /**
     * Returns once every change made before the call is in the database file, on the disk. Concurrent callers share
     * commits (group commit): the first to arrive writes the file for everyone waiting, later arrivals wait for the next write, so
     * there is about one commit per commit duration however many requests come in meanwhile.
     */
    public void commit() {
        commitLock.lock();
        try {
            long ticket = ++requested;
            while (committed < ticket) {
                if (committing) {
                    commitDone.awaitUninterruptibly();
                } else {
                    leadCommit();
                }
            }
        } finally {
            commitLock.unlock();
        }
    }

    /** Called holding the lock; writes the file without it, so that new callers can queue behind this commit. */
    private void leadCommit() {
        committing = true;
        long covered = requested;
        boolean written = false;
        commitLock.unlock();
        try {
            backend.commit();
            // Counted before the force: MVStore's own background commits write the file too, and one that lands
            // during the force must still count as unforced (counting after it once left such a write unforced until
            // the next change). The count moves only once a write has completed.
            long writes = store.getFileStore().getWriteCount();
            // the commit only hands the file to the operating system; this puts it on the disk
            store.sync();
            forcedWrites = writes;
            written = true;
        } catch (RuntimeException e) {
            // disk full, file gone: to callers this is the database being unavailable (503, retry later)
            throw new MongoException("the embedded database could not write " + FILE_NAME, e);
        } finally {
            commitLock.lock();
            committing = false;
            if (written) {
                committed = Math.max(committed, covered);
            }
            commitDone.signalAll();
        }
    }

    /** Forces what MVStore wrote since the last force, if anything: an idle service does not fsync every second. */
    private void syncQuietly() {
        if (!store.hasUnsavedChanges() && store.getFileStore().getWriteCount() == forcedWrites) {
            return;
        }
        try {
            commit();
        } catch (RuntimeException e) {
            // the next durable write reports it to its caller; this only keeps background writes from staying unforced
            LOG.debug("periodic commit of the embedded database failed: {}", e.getMessage());
        }
    }

    /**
     * Rewrites the live pages of mostly empty chunks, for at most {@link #COMPACT_MILLIS}, so that the chunks deletions
     * emptied become free: new writes reuse that space (the file keeps its size; the next start cuts a mostly free
     * file back, {@link #cutBackIfMostlyFree}). This is the compaction MVStore runs in the background, safe while the
     * database is in use. H2's {@code compactFile}, which moves chunks to cut the file at once, failed H2's own
     * assertions under concurrent writes in our tests: not used.
     */
    public FileSpace compact() {
        commit();
        // MVStore keeps its last few versions readable, and with them the pages that deletions just dropped: a few
        // small commits make those versions old (under load thousands of commits a second do that anyway)
        MVMap<String, Long> marks = store.openMap(COMPACTION_MARKS);
        long stopAt = System.nanoTime() + Duration.ofMillis(COMPACT_MILLIS).toNanos();
        do {
            ageVersions(store, marks);
        } while (store.compact(COMPACT_BELOW_FILL_PERCENT, COMPACT_BYTES_PER_ROUND) && System.nanoTime() < stopAt);
        ageVersions(store, marks);
        commit();
        return FileRewrite.measure(store, cutBack);
    }

    private static void ageVersions(MVStore store, MVMap<String, Long> marks) {
        for (int i = 0; i <= VERSIONS_KEPT; i++) {
            marks.put("commits", marks.getOrDefault("commits", 0L) + 1);
            store.commit();
        }
    }

    /** Stops serving and closes the file; pending changes are written first. */
    @Override
    public void close() {
        syncer.shutdownNow();
        server.shutdownNow();
    }
}
