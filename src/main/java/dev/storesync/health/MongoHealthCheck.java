package dev.storesync.health;

import dev.storesync.persistence.Database;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.bson.Document;

/** The database answers a ping. Without it webhooks are refused (503), so this decides readiness. */
public final class MongoHealthCheck extends AbstractHealthCheck {
    private final Database database;

    public MongoHealthCheck(Database database) {
        super("storesync", "mongodb");
        this.database = database;
    }

    @Override
    public boolean isLiveness() {
        // a restart cannot bring the database back
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            database.mongo().runCommand(new Document("ping", 1));
            builder.up().detail("embedded", database.embedded());
        } catch (RuntimeException e) {
            builder.down().message("MongoDB does not answer: " + e.getClass().getSimpleName());
        }
    }
}
