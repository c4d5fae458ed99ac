package dev.storesync.persistence;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

/**
 * Creates the indexes the queries rely on, at every start-up (creating an existing index is a no-op). Uniqueness is
 * carried by {@code _id} keys, so no partial index is needed: the embedded server would enforce one on every document.
 */
public final class DatabaseSetup {
    private DatabaseSetup() {}

    public static void ensureIndexes(MongoDatabase db) {
        var tasks = db.getCollection(CollectionNames.SYNC_TASKS);
        tasks.createIndex(Indexes.ascending("status", "nextAttemptAt"), new IndexOptions().name("due"));
        tasks.createIndex(Indexes.ascending("status", "leaseUntil"), new IndexOptions().name("leases"));
        tasks.createIndex(Indexes.ascending("status", "finishedAt"), new IndexOptions().name("finished"));

        var events = db.getCollection(CollectionNames.WEBHOOK_EVENTS);
        events.createIndex(Indexes.ascending("receivedAt"), new IndexOptions().name("received"));
        events.createIndex(Indexes.ascending("taskId", "receivedAt"), new IndexOptions().name("by_task"));
    }
}
