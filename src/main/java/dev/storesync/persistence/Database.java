package dev.storesync.persistence;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.storesync.config.Settings;
import dev.storesync.persistence.embedded.FileSpace;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The MongoDB this instance uses: the external one of {@code MONGODB_URI}, or the embedded server under
 * {@code DATA_DIR}. Either way the application talks to it through the real driver with majority writes, and a short
 * server-selection timeout so that an unreachable database turns into a quick 503 rather than a hung webhook.
 */
public final class Database extends ServiceSupport {
    private final MongoClient client;
    private final MongoDatabase mongo;
    private final EmbeddedMongoServer embedded;
    private final String description;

    private Database(MongoClient client, String databaseName, EmbeddedMongoServer embedded, String description) {
        this.client = client;
        this.mongo = client.getDatabase(databaseName);
        this.embedded = embedded;
        this.description = description;
    }

    public static Database connect(Settings.Database settings) {
        if (settings.embedded()) {
            EmbeddedMongoServer server = EmbeddedMongoServer.start(settings.dataDir());
            try {
                // the server's own login; "storesync" stays the application name
                MongoClient client = createClient(MongoClientSettings.builder(server.clientSettings()), settings);
                return new Database(
                        client,
                        settings.name(),
                        server,
                        "embedded, stored in "
                                + settings.dataDir().toAbsolutePath().normalize());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        ConnectionString uri = new ConnectionString(settings.uri().orElseThrow().reveal());
        String hosts = String.join(",", uri.getHosts());
        return new Database(
                createClient(MongoClientSettings.builder().applyConnectionString(uri), settings),
                settings.name(),
                null,
                "external at " + hosts);
    }

    private static MongoClient createClient(MongoClientSettings.Builder connection, Settings.Database settings) {
        long timeoutMs = settings.timeout().toMillis();
        MongoClientSettings clientSettings = connection
                .applicationName("storesync")
                .writeConcern(WriteConcern.MAJORITY.withWTimeout(timeoutMs, TimeUnit.MILLISECONDS))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(timeoutMs, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) timeoutMs, TimeUnit.MILLISECONDS)
                        .readTimeout((int) Math.max(timeoutMs * 5, 10_000), TimeUnit.MILLISECONDS))
                .build();
        return MongoClients.create(clientSettings);
    }

    public MongoDatabase mongo() {
        return mongo;
    }

    /**
     * Compacts the embedded database after the cleanup's deletions, so that new writes reuse their space; what its file
     * holds then. A real MongoDB manages its own storage: nothing.
     */
    public Optional<FileSpace> reclaimSpace() {
        return embedded == null ? Optional.empty() : Optional.of(embedded.compact());
    }

    /** Whether this is the embedded server (one process; its non-unique indexes live in memory). */
    public boolean embedded() {
        return embedded != null;
    }

    public MongoClient client() {
        return client;
    }

    /** Makes acknowledged writes crash-safe; see {@link EmbeddedMongoServer}. */
    public Durability durability() {
        return embedded == null ? Durability.ACKNOWLEDGED_WRITES : embedded::commit;
    }

    /** Where the data lives, for the start-up log; never includes credentials. */
    public String description() {
        return description;
    }

    @Override
    protected void doStop() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
