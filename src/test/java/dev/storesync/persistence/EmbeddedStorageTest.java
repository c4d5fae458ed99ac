package dev.storesync.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.storesync.persistence.embedded.FileRewrite;
import dev.storesync.persistence.embedded.FileSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the embedded database keeps documents in its file: as BSON, with byte keys, across restarts; and how a file that
 * mongo-java-server's own H2 backend wrote (every storesync before this format) is converted when it is opened.
 */
class EmbeddedStorageTest {
    private static final Document EVERY_TYPE = new Document("_id", "product/1")
            .append("text", "Grüße, 商品")
            .append("int", 42)
            .append("long", 1L << 40)
            .append("double", 0.1)
            .append("bool", true)
            .append("date", new Date(1_700_000_000_123L))
            .append("oid", new ObjectId("65a1b2c3d4e5f60718293a4b"))
            .append("nothing", null)
            .append("list", List.of("a", 1, new Document("nested", List.of(2.5))))
            .append("doc", new Document("a", new Document("b", "c")))
            .append("bytes", new Binary(new byte[] {0, 1, 2, (byte) 255}));

    private static final int BACKLOG = 3_000;
    private static final String PAYLOAD = "x".repeat(2_000);
    /** Smaller than the 6 MB the backlog takes, so that the tests' files count as large ones. */
    private static final long COPY_FROM_BYTES = 1024 * 1024;
    /** What a start cuts back, for files of a test's size. */
    private static final FileRewrite.CutBack SMALL_FILES =
            new FileRewrite.CutBack(COPY_FROM_BYTES, FileRewrite.CutBack.DEFAULT.liveBelowPercent());
    /**
     * Every file: whether the cleanup's compaction leaves a test's small file mostly free depends on the machine's
     * speed (when the space it frees can be reused at once, it moves the live data there and shrinks the file itself),
     * so the tests of the copy itself ask for it.
     */
    private static final FileRewrite.CutBack EVERY_FILE = new FileRewrite.CutBack(0, 101);

    @TempDir
    Path dir;

    @Test
    void documentsOfEveryTypeComeBackAfterARestart() {
        withServer(db -> {
            db.insertOne(EVERY_TYPE);
            db.insertOne(new Document("_id", new ObjectId("65a1b2c3d4e5f60718293a4c")).append("n", 1));
            db.insertOne(new Document("_id", 7L).append("n", 2));
        });

        withServer(db -> {
            assertThat(db.find(new Document("_id", "product/1")).first()).isEqualTo(EVERY_TYPE);
            assertThat(db.find(new Document("_id", 7L)).first()).containsEntry("n", 2);
            assertThat(db.countDocuments()).isEqualTo(3);
        });
    }

    @Test
    void uniqueIndexesHoldAcrossARestartAndAFieldMissingIsAKeyValueToo() {
        withServer(db -> {
            db.createIndex(Indexes.ascending("sku", "channel"), new IndexOptions().unique(true));
            db.insertOne(new Document("_id", 1).append("sku", "A").append("channel", 1));
            db.insertOne(new Document("_id", 2).append("sku", "A"));
        });

        withServer(db -> {
            assertDuplicate(
                    () -> db.insertOne(new Document("_id", 3).append("sku", "A").append("channel", 1)));
            assertDuplicate(() -> db.insertOne(new Document("_id", 4).append("sku", "A")));
            assertDuplicate(() -> db.insertOne(new Document("_id", 1)));
            // a duplicate _id fails the whole insert: the unique index did not take its key, the first document stays
            assertDuplicate(
                    () -> db.insertOne(new Document("_id", 2).append("sku", "B").append("channel", 9)));
            assertThat(db.find(new Document("_id", 2)).first()).doesNotContainKey("channel");
            db.insertOne(new Document("_id", 7).append("sku", "B").append("channel", 9));
            db.insertOne(new Document("_id", 5).append("sku", "A").append("channel", 2));
            assertThat(db.find(new Document("sku", "A").append("channel", 2)).first())
                    .containsEntry("_id", 5);
            db.deleteOne(new Document("_id", 1));
            db.insertOne(new Document("_id", 6).append("sku", "A").append("channel", 1));
            assertThat(ids(db)).containsExactly(2, 5, 6, 7);
        });
    }

    @Test
    void theFileHoldsBsonAndNoJavaSerializedObjects() throws IOException {
        withServer(db -> db.insertOne(EVERY_TYPE));

        String file = fileText();
        // BSON keeps strings as UTF-8, field names as C strings
        assertThat(file)
                .contains(new String("Grüße, 商品".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .contains("nested\0");
        assertThat(file).doesNotContain("de.bwaldvogel").doesNotContain("java.util");
    }

    @Test
    void compactingWhileOthersWriteLosesNothing() throws Exception {
        String payload = "x".repeat(2_000);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir);
                MongoClient client = MongoClients.create(server.clientSettings())) {
            MongoCollection<Document> db = client.getDatabase("storesync").getCollection("products");
            for (int i = 0; i < 2_000; i++) {
                db.insertOne(new Document("_id", "old-" + i).append("data", payload));
            }
            db.deleteMany(new Document("_id", new Document("$regex", "^old-")));
            server.commit();
            // the cleanup compacts while webhooks keep coming: H2's compactFile failed its own assertions here
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    db.insertOne(new Document("_id", "new-" + i).append("data", payload));
                    server.commit();
                }
            });
            writer.start();
            for (int i = 0; i < 3; i++) {
                server.compact();
            }
            writer.join();
        }

        withServer(db -> assertThat(db.countDocuments(new Document("_id", new Document("$regex", "^new-"))))
                .isEqualTo(1_000));
    }

    @Test
    void aFileTheCleanupEmptiedIsCutBackAtTheNextStartWithItsDocumentsAndIndexes() throws IOException {
        // the backlog's documents, of which one in thirty stays
        long written = (long) BACKLOG * PAYLOAD.length();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir, "", SMALL_FILES);
                MongoClient client = MongoClients.create(server.clientSettings())) {
            writeBacklogAndDeleteMostOfIt(client.getDatabase("storesync").getCollection("products"));
            server.compact();
        }
        Object fileBefore = fileKey();

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir, "", EVERY_FILE);
                MongoClient client = MongoClients.create(server.clientSettings())) {
            MongoCollection<Document> db = client.getDatabase("storesync").getCollection("products");
            assertThat(fileKey()).as("a new file took the old one's place").isNotEqualTo(fileBefore);
            assertThat(Files.size(databaseFile())).isLessThan(written / 8);
            assertThat(db.countDocuments()).isEqualTo(BACKLOG / 30);
            assertThat(db.find(new Document("_id", "task-30")).first()).containsEntry("sku", "S-30");
            assertThat(db.find(new Document("sku", "S-60")).first()).containsEntry("_id", "task-60");
            assertDuplicate(() -> db.insertOne(new Document("_id", "other").append("sku", "S-90")));
            db.insertOne(new Document("_id", "task-1").append("sku", "S-1"));
            server.commit();
        }
        assertThat(Files.exists(copyFile())).isFalse();

        withServer(db -> assertThat(db.countDocuments()).isEqualTo(BACKLOG / 30 + 1));
    }

    @Test
    void aFileMostlyInUseIsNotCopied() throws IOException {
        withServer(db -> {
            for (int i = 0; i < BACKLOG; i++) {
                db.insertOne(new Document("_id", "task-" + i).append("data", PAYLOAD));
            }
        });
        assertThat(Files.size(databaseFile())).isGreaterThan(COPY_FROM_BYTES);
        Object fileBefore = fileKey();

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir, "", SMALL_FILES)) {
            assertThat(fileKey()).isEqualTo(fileBefore);
            FileSpace space = server.compact();
            assertThat(space.livePercent()).isGreaterThan(50);
            assertThat(space.cutBackAtNextStart()).isFalse();
        }
    }

    @Test
    void theCleanupsLineSaysWhetherTheNextStartCutsTheFileBack() {
        assertThat(new FileSpace(3_000_000, 7, true).describe())
                .isEqualTo("the database file holds 3.0 MB, 7 % of it live: it is cut back to its live data at the"
                        + " next start");
        assertThat(new FileSpace(3_000_000, 95, false).describe())
                .isEqualTo("the database file holds 3.0 MB, 95 % of it live");
    }

    @Test
    void aCopyThatCannotBeWrittenLeavesTheFileAsItWas() throws IOException {
        withServer(EmbeddedStorageTest::writeBacklogAndDeleteMostOfIt);
        Object fileBefore = fileKey();
        // where the copy would go, something that is not a file and cannot be deleted
        Files.createDirectories(copyFile());
        Files.writeString(copyFile().resolve("in-the-way"), "x");

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir, "", EVERY_FILE);
                MongoClient client = MongoClients.create(server.clientSettings())) {
            assertThat(fileKey()).isEqualTo(fileBefore);
            assertThat(client.getDatabase("storesync").getCollection("products").countDocuments())
                    .isEqualTo(BACKLOG / 30);
        }
    }

    @Test
    void aCopyLeftByAnInterruptedStartIsDeleted() throws IOException {
        withServer(db -> db.insertOne(EVERY_TYPE));
        Files.writeString(copyFile(), "half a copy");

        withServer(db -> assertThat(db.find().first()).isEqualTo(EVERY_TYPE));
        assertThat(Files.exists(copyFile())).isFalse();
    }

    /** A backlog of webhooks' tasks, then the cleanup: one in thirty is kept. */
    private static void writeBacklogAndDeleteMostOfIt(MongoCollection<Document> db) {
        db.createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true));
        for (int i = 0; i < BACKLOG; i++) {
            db.insertOne(
                    new Document("_id", "task-" + i).append("sku", "S-" + i).append("data", PAYLOAD));
        }
        for (int i = 0; i < BACKLOG; i++) {
            if (i % 30 != 0) {
                db.deleteOne(new Document("_id", "task-" + i));
            }
        }
    }

    private Object fileKey() throws IOException {
        return Files.readAttributes(databaseFile(), BasicFileAttributes.class).fileKey();
    }

    private Path databaseFile() {
        return dir.resolve(EmbeddedMongoServer.FILE_NAME);
    }

    private Path copyFile() {
        return dir.resolve(EmbeddedMongoServer.FILE_NAME + ".copy");
    }

    @Test
    void aFileOfTheStockBackendIsConvertedWithItsDocumentsAndUniqueIndexes() throws IOException {
        writeWithTheStockBackend();
        assertThat(fileText())
                .as("the old format Java-serializes (so the check above can fail)")
                .contains("de.bwaldvogel");

        withServer(db -> {
            assertThat(db.find(new Document("_id", "product/1")).first()).isEqualTo(EVERY_TYPE);
            assertThat(ids(db)).containsExactlyInAnyOrder("product/1", "product/2");
            assertDuplicate(() -> db.insertOne(new Document("_id", "product/3").append("sku", "S-2")));
            db.insertOne(new Document("_id", "product/3").append("sku", "S-3"));
        });
        assertThat(mapNames()).noneMatch(name -> name.startsWith("databases.") || name.contains("._index_"));

        withServer(db -> assertThat(db.countDocuments()).isEqualTo(3));
    }

    @Test
    void aConversionKilledHalfWayStartsOverFromTheOldMaps() throws IOException {
        writeWithTheStockBackend();
        // as if a first conversion had written part of the new maps (autocommit) and died before removing the old ones
        try (MVStore store = new MVStore.Builder().fileName(file()).open()) {
            MVMap<String, String> partial = store.openMap("bson/data/storesync.products");
            partial.put("half", "written");
            store.commit();
        }

        withServer(db -> {
            assertThat(ids(db)).containsExactlyInAnyOrder("product/1", "product/2");
            assertDuplicate(() -> db.insertOne(new Document("_id", "x").append("sku", "S-2")));
        });
    }

    private void writeWithTheStockBackend() {
        MongoServer server = new MongoServer(new H2Backend(file()));
        try {
            server.bind("127.0.0.1", 0);
            try (MongoClient client = MongoClients.create(
                    "mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
                MongoCollection<Document> db = client.getDatabase("storesync").getCollection("products");
                db.createIndex(
                        Indexes.ascending("sku"),
                        new IndexOptions().unique(true).sparse(true));
                db.insertOne(EVERY_TYPE);
                db.insertOne(new Document("_id", "product/2").append("sku", "S-2"));
            }
        } finally {
            server.shutdownNow();
        }
    }

    private void withServer(Consumer<MongoCollection<Document>> work) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir);
                MongoClient client = MongoClients.create(server.clientSettings())) {
            work.accept(client.getDatabase("storesync").getCollection("products"));
            server.commit();
        }
    }

    private Set<String> mapNames() {
        try (MVStore store = new MVStore.Builder().fileName(file()).readOnly().open()) {
            return store.getMapNames();
        }
    }

    private String file() {
        return dir.resolve(EmbeddedMongoServer.FILE_NAME).toString();
    }

    private static List<Object> ids(MongoCollection<Document> db) {
        return db.find().sort(Sorts.ascending("_id")).map(d -> d.get("_id")).into(new ArrayList<>());
    }

    private static void assertDuplicate(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(
                        e.getError().getCategory())
                .isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }

    private String fileText() throws IOException {
        return new String(Files.readAllBytes(dir.resolve(EmbeddedMongoServer.FILE_NAME)), StandardCharsets.ISO_8859_1);
    }
}
