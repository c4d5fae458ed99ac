package dev.storesync.health;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.persistence.Database;
import dev.storesync.persistence.Durability;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.bson.Document;

/**
 * The database takes a write, durably. Without that webhooks are refused (503), so this decides readiness. A ping is
 * not enough: a database can answer it and still fail every write (the embedded one whose file can no longer be
 * written, a replica set without a primary).
 */
public final class MongoHealthCheck extends AbstractHealthCheck {
    /** The one document the probe writes, beside the stored settings. */
    static final String PROBE = "readiness-probe";

    private final MongoDatabase mongo;
    private final Durability durability;
    private final boolean embedded;

    public MongoHealthCheck(Database database) {
        this(database.mongo(), database.durability(), database.embedded());
    }

    public MongoHealthCheck(MongoDatabase mongo, Durability durability, boolean embedded) {
        super("storesync", "mongodb");
        this.mongo = mongo;
        this.durability = durability;
        this.embedded = embedded;
    }

    @Override
    public boolean isLiveness() {
        // a restart cannot bring the database back
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            mongo.runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            builder.down().message("MongoDB does not answer: " + e.getClass().getSimpleName());
            return;
        }
        try {
            mongo.getCollection(CollectionNames.SETTINGS)
                    .updateOne(Filters.eq("_id", PROBE), Updates.currentDate("at"), new UpdateOptions().upsert(true));
            durability.await();
            builder.up().detail("embedded", embedded);
        } catch (RuntimeException e) {
            builder.down()
                    .message("MongoDB answers but cannot write: " + e.getClass().getSimpleName());
        }
    }
}
