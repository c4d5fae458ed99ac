package dev.storesync.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.ConnectionPoolListener;
import com.mongodb.event.ConnectionReadyEvent;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The embedded database belongs to the user and the process that run storesync: its folder is 0700 and its file 0600
 * (an older, wider layout is tightened at start), and its server refuses every client but the service's own.
 */
public class EmbeddedAccessTest {
    @TempDir
    Path dir;

    @Test
    void theDataFolderAndTheDatabaseFileAreTheUsersOnly() throws IOException {
        assumePosix();
        Path data = dir.resolve("nested").resolve("data");

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(data);
                MongoClient client = MongoClients.create(server.clientSettings())) {
            client.getDatabase("storesync").getCollection("events").insertOne(new Document("n", 1));
            server.commit();

            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve(EmbeddedMongoServer.FILE_NAME))).isEqualTo("rw-------");
        }
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("every file storesync writes in DATA_DIR")
                    .containsExactly(EmbeddedMongoServer.FILE_NAME);
        }
        assertThat(mode(data.resolve(EmbeddedMongoServer.FILE_NAME)))
                .as("still once closed")
                .isEqualTo("rw-------");
    }

    @Test
    void anOlderWorldReadableLayoutIsTightenedAtStartAndKeepsItsData() throws IOException {
        assumePosix();
        Path data = dir.resolve("data");
        Path file = data.resolve(EmbeddedMongoServer.FILE_NAME);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(data);
                MongoClient client = MongoClients.create(server.clientSettings())) {
            client.getDatabase("storesync").getCollection("settings").insertOne(new Document("_id", "kept"));
            server.commit();
        }
        // as an older version left them
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        List<String> said = logOf(PrivateFiles.class, () -> {
            try (EmbeddedMongoServer server = EmbeddedMongoServer.start(data);
                    MongoClient client = MongoClients.create(server.clientSettings())) {
                assertThat(mode(data)).isEqualTo("rwx------");
                assertThat(mode(file)).isEqualTo("rw-------");
                assertThat(client.getDatabase("storesync")
                                .getCollection("settings")
                                .find(new Document("_id", "kept"))
                                .first())
                        .isNotNull();
            }
        });

        assertThat(said)
                .containsExactly(
                        "DATA_DIR folder " + data.toAbsolutePath() + " was rwxr-xr-x, now rwx------ (only this user)",
                        "DATA_DIR file " + file.toAbsolutePath() + " was rw-r--r--, now rw------- (only this user)");
    }

    @Test
    void aClientWithoutTheLoginCanNeitherReadNorWrite() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir);
                MongoClient own = MongoClients.create(server.clientSettings())) {
            MongoCollection<Document> settings = own.getDatabase("storesync").getCollection("settings");
            settings.insertOne(new Document("_id", "webhookSecret").append("value", "s3cret"));
            String plain = "mongodb://127.0.0.1:" + server.port();
            assertThat(server.connectionString())
                    .as("the connection string carries no credential")
                    .isEqualTo(plain);

            // the application name the service's client sends is no key either
            for (String uri : List.of(plain, plain + "/?appName=storesync")) {
                try (MongoClient stranger = MongoClients.create(quick(uri).build())) {
                    MongoCollection<Document> theirs =
                            stranger.getDatabase("storesync").getCollection("settings");

                    assertUnauthorized(() -> theirs.find().first(), "find");
                    assertUnauthorized(() -> theirs.insertOne(new Document("_id", "forged")), "insert");
                    assertUnauthorized(
                            () -> theirs.updateOne(
                                    new Document("_id", "webhookSecret"),
                                    new Document("$set", new Document("value", "forged"))),
                            "update");
                    assertUnauthorized(() -> theirs.deleteMany(new Document()), "delete");
                    assertUnauthorized(() -> stranger.listDatabaseNames().first(), "listDatabases");
                    assertUnauthorized(
                            () -> stranger.getDatabase("storesync")
                                    .listCollectionNames()
                                    .first(),
                            "listCollections");
                }
            }

            assertThat(settings.find().into(new ArrayList<>()))
                    .containsExactly(new Document("_id", "webhookSecret").append("value", "s3cret"));
        }
    }

    @Test
    void aWrongLoginIsRefused() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir)) {
            MongoCredential guess = MongoCredential.createPlainCredential(
                    AuthenticatingBackend.USER, AuthenticatingBackend.SOURCE, "guess".toCharArray());
            try (MongoClient stranger = MongoClients.create(
                    quick(server.connectionString()).credential(guess).build())) {
                assertThatThrownBy(() -> stranger.getDatabase("storesync")
                                .getCollection("settings")
                                .find()
                                .first())
                        .isInstanceOf(MongoSecurityException.class)
                        .hasRootCauseInstanceOf(MongoCommandException.class)
                        .rootCause()
                        .satisfies(cause -> assertThat(((MongoCommandException) cause).getErrorCode())
                                .isEqualTo(AuthenticatingBackend.AUTHENTICATION_FAILED));
            }
        }
    }

    @Test
    void everyPooledConnectionOfTheServicesClientLogsIn() {
        AtomicInteger ready = new AtomicInteger();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir);
                MongoClient own = MongoClients.create(MongoClientSettings.builder(server.clientSettings())
                        .applyToConnectionPoolSettings(
                                pool -> pool.minSize(4).addConnectionPoolListener(new ConnectionPoolListener() {
                                    @Override
                                    public void connectionReady(ConnectionReadyEvent event) {
                                        ready.incrementAndGet();
                                    }
                                }))
                        .build())) {
            // a connection is ready once its handshake, login included, succeeded
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(ready).hasValueGreaterThanOrEqualTo(4));

            MongoCollection<Document> events = own.getDatabase("storesync").getCollection("events");
            events.insertOne(new Document("n", 1));
            assertThat(events.countDocuments()).isEqualTo(1);
        }
    }

    /** A legacy OP_QUERY on a collection, which the driver cannot send: the server hangs up without answering. */
    @Test
    void aLegacyQueryWithoutTheLoginIsHungUpOn() throws IOException {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir);
                MongoClient own = MongoClients.create(server.clientSettings())) {
            own.getDatabase("storesync").getCollection("settings").insertOne(new Document("_id", "webhookSecret"));
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(opQuery("storesync.settings", new BsonDocument()));
                out.flush();

                assertThat(new DataInputStream(socket.getInputStream()).read())
                        .as("end of stream, no reply")
                        .isEqualTo(-1);
            }
        }
    }

    /** What a MongoDB with authentication answers a client that did not log in: error 13, Unauthorized. */
    private static void assertUnauthorized(ThrowingCallable action, String command) {
        assertThatThrownBy(action).as(command).isInstanceOfSatisfying(MongoCommandException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(AuthenticatingBackend.UNAUTHORIZED);
            assertThat(e.getErrorCodeName()).isEqualTo("Unauthorized");
            assertThat(e.getErrorMessage()).isEqualTo("command " + command + " requires authentication");
        });
    }

    private static MongoClientSettings.Builder quick(String uri) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS));
    }

    private static void assumePosix() {
        Assumptions.assumeTrue(
                Files.getFileAttributeView(Path.of("."), PosixFileAttributeView.class) != null, "a POSIX file system");
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> logOf(Class<?> source, Runnable action) {
        Logger logger = (Logger) LoggerFactory.getLogger(source);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static byte[] opQuery(String collection, BsonDocument query) {
        BasicOutputBuffer bson = new BasicOutputBuffer();
        new BsonDocumentCodec()
                .encode(
                        new BsonBinaryWriter(bson),
                        query,
                        EncoderContext.builder().build());
        byte[] name = (collection + "\0").getBytes(StandardCharsets.UTF_8);
        int length = 16 + 4 + name.length + 8 + bson.size();
        ByteBuffer message = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(length).putInt(1).putInt(0).putInt(2004); // header: length, request id, response to, OP_QUERY
        message.putInt(0).put(name).putInt(0).putInt(1); // flags, collection, skip, return
        message.put(bson.toByteArray());
        return message.array();
    }
}
