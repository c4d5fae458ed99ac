package dev.storesync.intake;

import dev.storesync.config.Settings;
import dev.storesync.persistence.Database;
import dev.storesync.persistence.StoredSettings;
import dev.storesync.queue.TaskQueue;
import dev.storesync.web.WebhookDoor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/** Webhook intake (DESIGN §5): the secret, the event log and the intake route's steps. */
@Configuration
public class IntakeConfiguration implements CamelConfiguration {

    /** WEBHOOK_SECRET, or the one generated at the first start and kept in the database. */
    @BindToRegistry(lazy = true)
    public WebhookSecrets.Resolved webhookSecret(Settings settings, StoredSettings stored) {
        return WebhookSecrets.resolve(settings.webhookSecret(), stored);
    }

    @BindToRegistry(lazy = true)
    public WebhookEventLog webhookEvents(Database database, Clock clock, Settings settings) {
        return new WebhookEventLog(database.mongo(), clock, settings.cleanup().keepEvents());
    }

    @BindToRegistry(lazy = true)
    public WebhookIntake webhookIntake(
            WebhookSecrets.Resolved secret,
            WebhookDoor door,
            TaskQueue queue,
            WebhookEventLog events,
            Database database,
            Clock clock,
            MeterRegistry meters) {
        door.open(secret.secret());
        return new WebhookIntake(new WebhookParser(), queue, events, database.durability(), clock, meters);
    }
}
