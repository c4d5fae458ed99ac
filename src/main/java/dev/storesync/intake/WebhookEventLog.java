package dev.storesync.intake;

import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertOneModel;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.queue.BulkWrites;
import dev.storesync.queue.IndexedCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The raw log of received webhooks, {@code webhook_events}. Its {@code _id} is the event's dedupe key, so an exact
 * redelivery is refused by the database itself and stored once (G2).
 */
public final class WebhookEventLog {
    private static final int MAX_DATA = 16 * 1024;

    private final MongoDatabase database;
    private final MongoCollection<Document> events;
    private final Clock clock;
    private final Duration keep;

    public WebhookEventLog(MongoDatabase database, Clock clock, Duration keep) {
        this.database = database;
        this.events = database.getCollection(CollectionNames.WEBHOOK_EVENTS);
        this.clock = clock;
        this.keep = keep;
    }

    /** @return true when stored, false when this exact event was already in the log */
    public boolean append(WebhookEvent event, String destination, String taskId, Instant receivedAt) {
        try {
            events.insertOne(document(new Entry(event, destination, taskId), receivedAt));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** An event to log, with the task that syncs its resource. */
    public record Entry(WebhookEvent event, String destination, String taskId) {}

    /** What {@link #appendAll} did: events already in the log, and those the database refused; the rest are stored. */
    public record Appended(Set<String> duplicates, Map<String, MongoWriteException> refused) {}

    /** {@link #append} for many events in one round trip; their event ids are distinct. */
    public Appended appendAll(List<Entry> entries, Instant receivedAt) {
        List<InsertOneModel<Document>> inserts = new ArrayList<>();
        for (Entry entry : entries) {
            inserts.add(new InsertOneModel<>(document(entry, receivedAt)));
        }
        Set<String> duplicates = new HashSet<>();
        Map<String, MongoWriteException> refused = new HashMap<>();
        BulkWrites.failures(events, inserts, insert -> insert.getDocument().getString("_id"))
                .forEach((id, error) -> {
                    if (error.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                        duplicates.add(id);
                    } else {
                        refused.put(id, error);
                    }
                });
        return new Appended(duplicates, refused);
    }

    private static Document document(Entry entry, Instant receivedAt) {
        WebhookEvent event = entry.event();
        return new Document("_id", event.eventId())
                .append("scope", event.scope())
                .append("hash", event.hash())
                .append("createdAt", event.createdAt())
                .append("storeId", event.storeId().orElse(null))
                .append("producer", event.producer().orElse(null))
                .append("resourceType", event.resourceType())
                .append("resourceId", event.resourceId())
                .append("dest", entry.destination())
                .append("taskId", entry.taskId())
                .append("data", truncate(event.dataJson()))
                .append("receivedAt", Date.from(receivedAt));
    }

    /** Deletes events received longer ago than the retention. Their tasks carry the state, so nothing is lost. */
    public long removeOld() {
        return events.deleteMany(lt("receivedAt", Date.from(clock.instant().minus(keep))))
                .getDeletedCount();
    }

    /** From the collection's metadata: exact on the embedded server, an estimate on a MongoDB after an unclean stop. */
    public long count() {
        return events.estimatedDocumentCount();
    }

    /** Events received at or after {@code since}. */
    public long countSince(Instant since) {
        return IndexedCount.count(database, events, gte("receivedAt", Date.from(since)));
    }

    private static String truncate(String data) {
        return data.length() > MAX_DATA ? data.substring(0, MAX_DATA) : data;
    }
}
