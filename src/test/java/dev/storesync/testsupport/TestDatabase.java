package dev.storesync.testsupport;

import com.mongodb.client.MongoDatabase;
import dev.storesync.config.Settings;
import dev.storesync.persistence.Database;
import dev.storesync.persistence.DatabaseSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The embedded database on its own, for tests of the persistence classes without Camel. */
public final class TestDatabase implements AutoCloseable {
    private final Database database;

    private TestDatabase(Database database) {
        this.database = database;
    }

    public static TestDatabase open(Path dataDir) {
        Database database =
                Database.connect(new Settings.Database(Optional.empty(), "storesync", dataDir, Duration.ofSeconds(5)));
        database.start(); // so that stop() closes it
        DatabaseSetup.ensureIndexes(database.mongo());
        return new TestDatabase(database);
    }

    public Database database() {
        return database;
    }

    public MongoDatabase mongo() {
        return database.mongo();
    }

    @Override
    public void close() {
        database.stop();
    }
}
