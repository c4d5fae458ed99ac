package dev.storesync.intake;

import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
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

    private final MongoCollection<Document> events;
    private final Clock clock;
    private final Duration keep;

    public WebhookEventLog(MongoCollection<Document> events, Clock clock, Duration keep) {
        this.events = events;
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

    public long count() {
        return events.countDocuments();
    }

    /** Events received at or after {@code since}. */
    public long countSince(Instant since) {
        return events.countDocuments(gte("receivedAt", Date.from(since)));
    }

    private static String truncate(String data) {
        return data.length() > MAX_DATA ? data.substring(0, MAX_DATA) : data;
    }
}
