package dev.storesync;

import com.mongodb.client.MongoClient;
import dev.storesync.config.InstanceId;
import dev.storesync.config.LazyTemplate;
import dev.storesync.config.Setting;
import dev.storesync.config.Settings;
import dev.storesync.config.SettingsReader;
import dev.storesync.intake.WebhookSecrets;
import dev.storesync.persistence.Database;
import dev.storesync.persistence.DatabaseSetup;
import dev.storesync.persistence.SpaceReclaimer;
import dev.storesync.persistence.StoredSettings;
import dev.storesync.queue.DatabaseClock;
import dev.storesync.web.HttpDoors;
import dev.storesync.web.WebhookDoor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Locale;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foundation every other bean stands on: the validated settings, the clock, the database and the shared meters
 * and producer template.
 *
 * <p>How the wiring works (here and in the other {@code *Configuration} classes, one per concern): each
 * {@code @BindToRegistry} method builds one bean, once, under the method's name; its parameters are the beans it needs,
 * found by type. The beans are lazy, so they are built in the order they need each other, whichever class declares
 * them; {@code configure} of each class then asks for the beans that must exist before Camel starts (services,
 * listeners), so that a database that cannot be reached stops the start-up with its own message.
 */
@Configuration
public class StoresyncConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(StoresyncConfiguration.class);
    private static final String METRICS_REGISTRY = "metricsRegistry";

    @BindToRegistry(lazy = true)
    public Settings settings(CamelContext context) {
        return SettingsReader.read(context.getPropertiesComponent()::resolveProperty);
    }

    /**
     * The database's clock, which every instance sharing the database reads alike: leases (G5, G6) and the ages the
     * metrics report do not depend on how well each machine's own clock is set.
     */
    @BindToRegistry(lazy = true)
    public DatabaseClock clock(Database database, Settings settings) {
        return DatabaseClock.of(database.mongo(), settings.queue().lease());
    }

    /**
     * Checks webhook secrets ahead of the intake route; put in front of the business port by {@link HttpDoors}, opened
     * by the intake once the secret is known.
     */
    @BindToRegistry(lazy = true)
    public WebhookDoor webhookDoor() {
        return new WebhookDoor();
    }

    @BindToRegistry(lazy = true)
    public InstanceId instanceId() {
        return InstanceId.ofThisProcess();
    }

    /** Connected and with its indexes; a Camel service, so it closes after everything that uses it. */
    @BindToRegistry(lazy = true)
    public Database database(CamelContext context, Settings settings) throws Exception {
        Database database = Database.connect(settings.database());
        context.addService(database, true, false);
        try {
            DatabaseSetup.ensureIndexes(database.mongo());
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot use MongoDB (" + database.description() + "): "
                            + e.getClass().getSimpleName(),
                    e);
        }
        return database;
    }

    /** For the cleanup route, which compacts the database after its deletions. */
    @BindToRegistry(lazy = true)
    public SpaceReclaimer spaceReclaimer(Database database) {
        return new SpaceReclaimer(database);
    }

    /** The driver's client, for Camel's MongoDB component should a route want one. */
    @BindToRegistry(lazy = true)
    public MongoClient mongoClient(Database database) {
        return database.client();
    }

    @BindToRegistry(lazy = true)
    public StoredSettings storedSettings(Database database, Clock clock) {
        return new StoredSettings(database, clock);
    }

    /**
     * Where storesync's meters go: the registry {@code /observe/metrics} serves. Camel's Prometheus support binds it as
     * {@code metricsRegistry} while it configures itself, before this is asked for; should metrics be switched off,
     * a registry of that name is made here (and Camel would adopt it if switched on later).
     */
    @BindToRegistry(lazy = true)
    public MeterRegistry meters(Registry registry) {
        MeterRegistry camels = registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (camels != null) {
            return camels;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(METRICS_REGISTRY, created);
        return created;
    }

    @BindToRegistry(lazy = true)
    public LazyTemplate producerTemplate(CamelContext context) {
        return new LazyTemplate(context);
    }

    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        Settings settings = registry.findSingleByType(Settings.class);
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.addPropertiesFunction(new MillisFunction(properties));
        // REGISTER_HOOKS left empty means "when APP_URL is set": the hooks route reads the decided value
        properties.addOverrideProperty(Setting.REGISTER_HOOKS.property(), Boolean.toString(settings.registerHooks()));
        Database database = registry.findSingleByType(Database.class);
        WebhookSecrets.Resolved secret = registry.findSingleByType(WebhookSecrets.Resolved.class);
        LOG.info(
                "Store A {} -> Store B {}; database {}; webhook secret {} ({}); {} sync workers, dispatch every {}s;"
                        + " deletes: {}",
                settings.storeA().hash(),
                settings.storeB().hash(),
                database.description(),
                secret.origin(),
                secret.secret().fingerprint(),
                settings.queue().concurrency(),
                settings.queue().pollPeriod().toSeconds(),
                settings.deletePolicy().name().toLowerCase(Locale.ROOT));
    }
}
