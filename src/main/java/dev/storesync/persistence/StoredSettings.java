package dev.storesync.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/** Values the service keeps for itself in the {@code settings} collection: the generated secret, bookmarks. */
public final class StoredSettings {
    private final MongoCollection<Document> settings;
    private final Durability durability;
    private final Clock clock;

    public StoredSettings(Database database, Clock clock) {
        this.settings = database.mongo().getCollection(CollectionNames.SETTINGS);
        this.durability = database.durability();
        this.clock = clock;
    }

    public Optional<String> get(String key) {
        Document doc = settings.find(Filters.eq("_id", key)).first();
        return Optional.ofNullable(doc).map(d -> d.getString("value"));
    }

    /** Stores {@code value} under {@code key}, replacing what was there. */
    public void put(String key, String value) {
        settings.updateOne(
                Filters.eq("_id", key),
                Updates.combine(Updates.set("value", value), Updates.set("updatedAt", Date.from(clock.instant()))),
                new UpdateOptions().upsert(true));
        durability.await();
    }

    public void remove(String key) {
        settings.deleteOne(Filters.eq("_id", key));
        durability.await();
    }

    /**
     * Stores {@code value} unless the key already has one, and returns what is stored. Several instances starting at
     * once all end up with the first value written.
     */
    public String putIfAbsent(String key, String value) {
        Optional<String> existing = get(key);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            settings.insertOne(
                    new Document("_id", key).append("value", value).append("createdAt", Date.from(clock.instant())));
            durability.await();
            return value;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return get(key).orElseThrow();
            }
            throw e;
        }
    }
}
