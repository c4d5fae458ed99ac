package dev.storesync.intake;

import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.queue.IndexedCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
        Document doc = new Document("_id", event.eventId())
                .append("scope", event.scope())
                .append("hash", event.hash())
                .append("createdAt", event.createdAt())
                .append("storeId", event.storeId().orElse(null))
                .append("producer", event.producer().orElse(null))
                .append("resourceType", event.resourceType())
                .append("resourceId", event.resourceId())
                .append("dest", destination)
                .append("taskId", taskId)
                .append("data", truncate(event.dataJson()))
                .append("receivedAt", Date.from(receivedAt));
        try {
            events.insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
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
