package dev.storesync.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the embedded database's commit promises: a change made before it is in the file and forced to the disk, so it
 * survives a power cut or a host crash, not only the death of this process.
 */
public class EmbeddedCommitTest {
    private static final AtomicInteger FORCED = new AtomicInteger();
    private static final AtomicInteger WRITES_SINCE_FORCE = new AtomicInteger();
    /** While set, every write to a file of this file system fails, as on a full or failed disk. */
    static final AtomicBoolean FAIL_WRITES = new AtomicBoolean();

    @TempDir
    Path dir;

    @BeforeAll
    static void watchTheFile() {
        FilePath.register(new ForceCounting());
    }

    @Test
    void aCommitWritesTheFileAndForcesItToTheDisk() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir, ForceCounting.SCHEME + ":");
                MongoClient client = MongoClients.create(server.clientSettings())) {
            MongoCollection<Document> events = client.getDatabase("storesync").getCollection("events");
            for (int i = 0; i < 3; i++) {
                events.insertOne(new Document("n", i));
                int forcedBefore = FORCED.get();

                server.commit();

                assertThat(FORCED.get()).as("commit %d forced the file", i).isGreaterThan(forcedBefore);
                assertThat(WRITES_SINCE_FORCE)
                        .as("nothing written after the last force")
                        .hasValue(0);
            }
        }
    }

    @Test
    void writesNobodyCommittedAreForcedWithinTheSyncPeriodAnyway() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir, ForceCounting.SCHEME + ":");
                MongoClient client = MongoClients.create(server.clientSettings())) {
            int forcedBefore = FORCED.get();
            client.getDatabase("storesync").getCollection("progress").insertOne(new Document("n", 1));

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(FORCED.get()).isGreaterThan(forcedBefore));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(WRITES_SINCE_FORCE)
                    .as("the insert reached the file and was forced")
                    .hasValue(0));
        }
    }

    /** An H2 file system over the default one that counts the forces of its files and the writes in between. */
    public static final class ForceCounting extends FilePathWrapper {
        static final String SCHEME = "forcecount";

        /** H2 makes one per path by reflection. */
        public ForceCounting() {}

        @Override
        public String getScheme() {
            return SCHEME;
        }

        @Override
        public FileChannel open(String mode) throws IOException {
            return new Counted(getBase().open(mode));
        }
    }

    private static void failIfAsked() throws IOException {
        if (FAIL_WRITES.get()) {
            throw new IOException("No space left on device (simulated)");
        }
    }

    private static final class Counted extends FileBase {
        private final FileChannel file;

        Counted(FileChannel file) {
            this.file = file;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
            WRITES_SINCE_FORCE.set(0);
            FORCED.incrementAndGet();
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            failIfAsked();
            WRITES_SINCE_FORCE.incrementAndGet();
            return file.write(src, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            failIfAsked();
            WRITES_SINCE_FORCE.incrementAndGet();
            return file.write(src);
        }

        @Override
        public synchronized int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
