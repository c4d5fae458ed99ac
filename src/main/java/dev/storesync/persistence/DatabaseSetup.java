package dev.storesync.persistence;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Creates the indexes the queries rely on, at every start-up (creating an existing index is a no-op), and drops those
 * earlier versions created and no query uses any more. The same indexes serve a real MongoDB and the embedded server,
 * which keeps its non-unique indexes in memory (see {@code persistence.embedded.OrderedIndex}) and finds documents by
 * {@code _id} itself. Uniqueness is carried by {@code _id} keys, so no partial index is needed.
 */
public final class DatabaseSetup {
    /** What earlier versions created: indexes without the destination, and unique ones the embedded server needed. */
    private static final Set<String> RETIRED = Set.of(
            "due",
            "leases",
            "finished",
            "by_task",
            "exact_id_status",
            "exact_id_lease",
            "exact_id_lease_seq",
            "exact_id_fence");

    private static final int INDEX_NOT_FOUND = 27;

    private DatabaseSetup() {}

    public static void ensureIndexes(MongoDatabase db) {
        MongoCollection<Document> tasks = db.getCollection(CollectionNames.SYNC_TASKS);
        // claims (due tasks, oldest due first), counts per status, expired leases (status in_progress)
        index(tasks, "dest_status_due", "dest", "status", "nextAttemptAt");
        // the task that has waited longest
        index(tasks, "dest_status_waiting", "dest", "status", "pendingSince");
        // syncs finished lately, the last one, and the cleanup of old finished tasks
        index(tasks, "dest_status_finished", "dest", "status", "finishedAt");
        // the admin API's lists of one status (and the status's latest failures), most recently updated first; a
        // list of every status reads them all (an index more would cost every write, and the embedded server's memory)
        index(tasks, "dest_status_updated", "dest", "status", "updatedAt");

        // events received lately, and the cleanup of old ones
        index(db.getCollection(CollectionNames.WEBHOOK_EVENTS), "received", "receivedAt");

        for (String collection :
                List.of(CollectionNames.SYNC_TASKS, CollectionNames.WEBHOOK_EVENTS, CollectionNames.ID_MAP)) {
            dropRetired(db.getCollection(collection));
        }
    }

    private static void index(MongoCollection<Document> collection, String name, String... fields) {
        collection.createIndex(Indexes.ascending(fields), new IndexOptions().name(name));
    }

    private static void dropRetired(MongoCollection<Document> collection) {
        List<String> names =
                collection.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>());
        for (String name : names) {
            if (RETIRED.contains(name)) {
                try {
                    collection.dropIndex(name);
                } catch (MongoCommandException e) {
                    // another instance starting at the same time dropped it first
                    if (e.getErrorCode() != INDEX_NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
    }
}
