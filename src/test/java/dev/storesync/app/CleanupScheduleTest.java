package dev.storesync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cleanup schedule (it also fires once at start-up) deletes finished tasks and events past their retention, and
 * never waiting work or dead letters.
 */
class CleanupScheduleTest {
    @TempDir
    Path dataDir;

    @Test
    void removesOnlyWhatIsFinishedAndOld() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        try (TestDatabase db = TestDatabase.open(dataDir)) {
            MongoCollection<Document> tasks = db.mongo().getCollection(CollectionNames.SYNC_TASKS);
            tasks.insertMany(List.of(
                    task(1, "done", longAgo),
                    task(2, "done", Instant.now()),
                    task(6, "done", longAgo).append("lastEventAt", new Date()), // an event just bumped it
                    task(3, "pending", longAgo),
                    task(4, "dead", longAgo),
                    task(5, "retry", longAgo)));
            MongoCollection<Document> events = db.mongo().getCollection(CollectionNames.WEBHOOK_EVENTS);
            events.insertMany(List.of(
                    new Document("_id", "old").append("receivedAt", Date.from(longAgo)),
                    new Document("_id", "new").append("receivedAt", new Date())));
        }

        try (RunningService service = RunningService.builder().dataDir(dataDir).start()) {
            MongoCollection<Document> tasks = service.db().getCollection(CollectionNames.SYNC_TASKS);
            MongoCollection<Document> events = service.db().getCollection(CollectionNames.WEBHOOK_EVENTS);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> tasks.countDocuments(Filters.eq("_id", "storeb:product:1")) == 0
                            && events.countDocuments(Filters.eq("_id", "old")) == 0);

            assertThat(tasks.distinct("resourceId", Long.class).into(new java.util.TreeSet<>()))
                    .containsExactly(2L, 3L, 4L, 5L, 6L);
            assertThat(events.countDocuments(Filters.eq("_id", "new"))).isEqualTo(1);
        }
    }

    private static Document task(long id, String status, Instant at) {
        return new Document("_id", "storeb:product:" + id)
                .append("dest", "storeb")
                .append("type", "category") // no handler: the dispatcher leaves them alone
                .append("resourceId", id)
                .append("status", status)
                .append("seq", 1L)
                .append("eventCount", 1L)
                .append("attempts", 0)
                .append("pendingSince", Date.from(at))
                .append("nextAttemptAt", Date.from(at.plus(Duration.ofDays(365))))
                .append("finishedAt", Date.from(at))
                .append("lastEventAt", Date.from(at));
    }
}
