package dev.storesync.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

/**
 * Creates the indexes the queries rely on, at every start-up (creating an existing index is a no-op). Uniqueness is
 * carried by {@code _id} keys, so no partial index is needed: the embedded server would enforce one on every document.
 */
public final class DatabaseSetup {
    private DatabaseSetup() {}

    /** @param embedded whether this is the embedded server, which needs extra indexes to avoid scans */
    public static void ensureIndexes(MongoDatabase db, boolean embedded) {
        MongoCollection<Document> tasks = db.getCollection(CollectionNames.SYNC_TASKS);
        tasks.createIndex(Indexes.ascending("status", "nextAttemptAt"), new IndexOptions().name("due"));
        tasks.createIndex(Indexes.ascending("status", "leaseUntil"), new IndexOptions().name("leases"));
        tasks.createIndex(Indexes.ascending("status", "finishedAt"), new IndexOptions().name("finished"));
        if (embedded) {
            // The embedded server uses an index only when a query's fields are exactly the index's fields, so the
            // queue's conditional writes ({_id, status}, {_id, leaseToken}, {_id, leaseToken, seq}) would scan the
            // collection. These indexes are unique because _id is; a real MongoDB finds the document by _id anyway.
            unique(tasks, "exact_id_status", "_id", "status");
            unique(tasks, "exact_id_lease", "_id", "leaseToken");
            unique(tasks, "exact_id_lease_seq", "_id", "leaseToken", "seq");
        }

        if (embedded) {
            // the id map entry of a resource being synced is written on condition of its fence ({_id, fence})
            unique(db.getCollection(CollectionNames.ID_MAP), "exact_id_fence", "_id", "fence");
        }

        MongoCollection<Document> events = db.getCollection(CollectionNames.WEBHOOK_EVENTS);
        events.createIndex(Indexes.ascending("receivedAt"), new IndexOptions().name("received"));
        events.createIndex(Indexes.ascending("taskId", "receivedAt"), new IndexOptions().name("by_task"));
    }

    private static void unique(MongoCollection<Document> collection, String name, String... fields) {
        collection.createIndex(
                Indexes.ascending(fields), new IndexOptions().name(name).unique(true));
    }
}
