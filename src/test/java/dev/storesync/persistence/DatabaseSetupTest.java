package dev.storesync.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indexes a start-up leaves: the ones the queries use, none of those earlier versions made and nothing uses. */
class DatabaseSetupTest {
    @TempDir
    Path dir;

    @Test
    void anUpgradeDropsTheRetiredIndexesAndCreatesTheNewOnes() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir);
                MongoClient client = MongoClients.create(server.clientSettings())) {
            MongoDatabase db = client.getDatabase("storesync");
            MongoCollection<Document> tasks = db.getCollection(CollectionNames.SYNC_TASKS);
            // what the previous version created
            tasks.createIndex(Indexes.ascending("status", "nextAttemptAt"), new IndexOptions().name("due"));
            tasks.createIndex(Indexes.ascending("status", "leaseUntil"), new IndexOptions().name("leases"));
            tasks.createIndex(
                    Indexes.ascending("_id", "status"),
                    new IndexOptions().name("exact_id_status").unique(true));
            db.getCollection(CollectionNames.WEBHOOK_EVENTS)
                    .createIndex(Indexes.ascending("taskId", "receivedAt"), new IndexOptions().name("by_task"));

            DatabaseSetup.ensureIndexes(db);
            DatabaseSetup.ensureIndexes(db);

            assertThat(names(tasks))
                    .containsExactlyInAnyOrder(
                            "_id_",
                            "dest_status_due",
                            "dest_status_waiting",
                            "dest_status_finished",
                            "dest_status_updated");
            assertThat(names(db.getCollection(CollectionNames.WEBHOOK_EVENTS)))
                    .containsExactlyInAnyOrder("_id_", "received");
        }
    }

    private static List<String> names(MongoCollection<Document> collection) {
        return collection.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>());
    }
}
