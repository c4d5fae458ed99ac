package dev.storesync.persistence;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.MongoException;
import de.bwaldvogel.mongo.MongoServer;
import dev.storesync.persistence.embedded.StoreBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

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

    private final StoreBackend backend;
    private final MVStore store;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final MongoCredential credential;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final Condition commitDone = commitLock.newCondition();
    private long requested;
    private long committed;
    private boolean committing;

    private EmbeddedMongoServer(
            StoreBackend backend,
            MVStore store,
            MongoServer server,
            InetSocketAddress address,
            MongoCredential credential) {
        this.backend = backend;
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
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            // the folder first: whatever else happens, nobody else can reach the file
            PrivateFiles.folder(dataDir);
            PrivateFiles.file(file);
        } catch (IOException e) {
            throw new UncheckedIOException("DATA_DIR " + dataDir.toAbsolutePath() + " cannot be created", e);
        }
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(fileSystem + file).open();
        } catch (MVStoreException e) {
            throw new IllegalStateException(
                    "DATA_DIR " + dataDir.toAbsolutePath() + " cannot be opened (is another storesync using it?): "
                            + e.getMessage(),
                    e);
        }
        char[] password = password();
        StoreBackend backend = new StoreBackend(store);
        MongoServer server = new MongoServer(new AuthenticatingBackend(backend, password));
        server.bind("127.0.0.1", 0);
        MongoCredential credential = MongoCredential.createPlainCredential(
                AuthenticatingBackend.USER, AuthenticatingBackend.SOURCE, password);
        return new EmbeddedMongoServer(backend, store, server, server.getLocalAddress(), credential);
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
            // the commit only hands the file to the operating system; this puts it on the disk
            store.sync();
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

    /** Stops serving and closes the file; pending changes are written first. */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
