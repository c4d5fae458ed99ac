package dev.storesync;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.admin.AdminApi;
import dev.storesync.admin.ReconcileApi;
import dev.storesync.admin.StatusPage;
import dev.storesync.bigcommerce.StoreClients;
import dev.storesync.config.Settings;
import dev.storesync.config.SettingsReader;
import dev.storesync.health.BacklogHealthCheck;
import dev.storesync.health.HooksHealthCheck;
import dev.storesync.health.MongoHealthCheck;
import dev.storesync.health.StoreHealthCheck;
import dev.storesync.hooks.HookLifecycle;
import dev.storesync.intake.WebhookEventLog;
import dev.storesync.intake.WebhookIntake;
import dev.storesync.intake.WebhookParser;
import dev.storesync.intake.WebhookSecrets;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.persistence.Database;
import dev.storesync.persistence.DatabaseSetup;
import dev.storesync.persistence.StoredSettings;
import dev.storesync.queue.Backoff;
import dev.storesync.queue.Dispatcher;
import dev.storesync.queue.QueueMetrics;
import dev.storesync.queue.TaskHandlers;
import dev.storesync.queue.TaskOutcomes;
import dev.storesync.queue.TaskQueue;
import dev.storesync.reconcile.Reconciler;
import dev.storesync.sync.Backfill;
import dev.storesync.sync.CatalogCompare;
import dev.storesync.sync.ProductSteps;
import dev.storesync.sync.SyncEngine;
import dev.storesync.web.HttpAnswers;
import dev.storesync.web.JsonErrorPages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the application from its settings and binds the beans the YAML routes call by name. Camel Main finds this
 * class by package scan, so the service, the tests and the jar all start from the same wiring.
 */
@Configuration
public class StoresyncConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(StoresyncConfiguration.class);
    private static final String SYNC_TASK_ROUTE = "direct:sync-task";
    private static final String METRICS_REGISTRY = "metricsRegistry";
    /** How often a health check may spend a store's quota on a probe. */
    private static final Duration STORE_PROBE = Duration.ofSeconds(30);
    /** How long the dispatcher still waits for running tasks once Camel's own graceful shutdown has drained. */
    private static final Duration DISPATCHER_STOP_GRACE = Duration.ofSeconds(2);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings settings = SettingsReader.read(properties::resolveProperty);
        publishSchedules(properties, settings);

        Clock clock = Clock.systemUTC();
        ObjectMapper json = new ObjectMapper();
        Database database = Database.connect(settings.database());
        context.addService(database, true, false);
        try {
            DatabaseSetup.ensureIndexes(database.mongo(), database.embedded());
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot use MongoDB (" + database.description() + "): "
                            + e.getClass().getSimpleName(),
                    e);
        }
        WebhookSecrets.Resolved secret =
                WebhookSecrets.resolve(settings.webhookSecret(), new StoredSettings(database, clock));

        TaskQueue queue = new TaskQueue(
                database.mongo().getCollection(CollectionNames.SYNC_TASKS),
                clock,
                settings.destination(),
                instanceId(),
                settings.queue(),
                settings.cleanup().keepFinishedTasks(),
                new Backoff(settings.queue().retryBase(), settings.queue().retryMax(), ThreadLocalRandom.current()));
        TaskHandlers handlers = new TaskHandlers(context.getRegistry());
        LazyTemplate template = new LazyTemplate(context);
        Dispatcher dispatcher = new Dispatcher(
                queue,
                handlers,
                task -> template.get().sendBody(SYNC_TASK_ROUTE, task),
                settings.queue().concurrency(),
                settings.queue().lease(),
                DISPATCHER_STOP_GRACE);
        context.addService(dispatcher, true, false);
        context.getManagementStrategy().addEventNotifier(new StopClaimingWhenStopping(dispatcher));

        WebhookEventLog events = new WebhookEventLog(
                database.mongo().getCollection(CollectionNames.WEBHOOK_EVENTS),
                clock,
                settings.cleanup().keepEvents());
        MeterRegistry meters = meterRegistry(context.getRegistry());
        WebhookIntake intake = new WebhookIntake(
                secret.secret(), new WebhookParser(), queue, events, database.durability(), clock, meters);

        StoreClients stores = StoreClients.create(settings, template, meters);
        HookLifecycle hooks = new HookLifecycle(
                stores.storeA(),
                settings.http().appUrl(),
                secret.secret(),
                settings.storeBChannelOnStoreA(),
                new StoredSettings(database, clock),
                clock);

        Registry registry = context.getRegistry();
        registry.bind("storeClients", stores);
        registry.bind("hookLifecycle", hooks);
        // Camel's health registry picks up HealthCheck beans: /observe/health on the management port
        registry.bind("mongodbHealthCheck", new MongoHealthCheck(database));
        registry.bind("storeAHealthCheck", new StoreHealthCheck("store-a", stores.storeA(), clock, STORE_PROBE));
        registry.bind("storeBHealthCheck", new StoreHealthCheck("store-b", stores.storeB(), clock, STORE_PROBE));
        registry.bind("hooksHealthCheck", new HooksHealthCheck(hooks, settings.registerHooks()));
        registry.bind(
                "backlogHealthCheck",
                new BacklogHealthCheck(queue, clock, settings.queue().backlogAlertAfter()));
        // a bean bound before start-up under the same name wins (tests install scripted handlers that way)
        Map<String, Object> sync = SyncEngine.beans(settings, stores, database, template, clock);
        sync.forEach((name, bean) -> {
            if (registry.lookupByName(name) == null) {
                registry.bind(name, bean);
            }
        });
        Reconciler reconciler = new Reconciler(
                database,
                (CatalogCompare) sync.get("catalogCompare"),
                (Backfill) sync.get("backfill"),
                queue,
                stores.storeA(),
                new StoredSettings(database, clock),
                meters,
                settings.reconcile(),
                instanceId(),
                clock,
                () -> template.get().sendBody(Dispatcher.WAKE_UP, null));
        context.addService(reconciler, true, false);
        registry.bind("reconciler", reconciler);
        registry.bind("reconcileApi", new ReconcileApi(reconciler));
        registry.bind(
                "adminApi",
                new AdminApi(
                        queue,
                        events,
                        hooks,
                        settings.registerHooks(),
                        (ProductSteps) sync.get("productSteps"),
                        meters,
                        template,
                        reconciler,
                        clock));
        registry.bind("statusPage", new StatusPage());
        registry.bind("settings", settings);
        registry.bind("database", database);
        registry.bind("mongoClient", database.client());
        registry.bind("taskQueue", queue);
        registry.bind("taskHandlers", handlers);
        registry.bind("taskOutcomes", new TaskOutcomes(queue, new QueueMetrics(queue, clock, meters)));
        registry.bind("dispatcher", dispatcher);
        registry.bind("webhookEvents", events);
        registry.bind("webhookIntake", intake);
        registry.bind("httpAnswers", new HttpAnswers(json));

        long maxBody = properties
                .resolveProperty("camel.server.maxBodySize")
                .map(Long::parseLong)
                .orElse(1_048_576L);
        context.addStartupListener(new JsonErrorPagesInstaller(settings.http().port(), maxBody, json));

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
                settings.deletePolicy().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Quartz takes intervals in milliseconds; the settings are in seconds and hours as DESIGN §4 names them. The
     * schedule routes read these derived values.
     */
    private static void publishSchedules(PropertiesComponent properties, Settings settings) {
        properties.addOverrideProperty(
                "storesync.schedule.dispatch-ms",
                Long.toString(settings.queue().pollPeriod().toMillis()));
        properties.addOverrideProperty(
                "storesync.schedule.redelivery-ms",
                Long.toString(settings.queue().redeliveryPeriod().toMillis()));
        properties.addOverrideProperty(
                "storesync.schedule.cleanup-ms",
                Long.toString(settings.cleanup().period().toMillis()));
        properties.addOverrideProperty("storesync.schedule.register-hooks", Boolean.toString(settings.registerHooks()));
        // a run whose instance died is looked for twice per lease, so it waits at most a lease and a half
        properties.addOverrideProperty(
                "storesync.schedule.reconcile-resume-ms",
                Long.toString(Math.max(1_000, settings.reconcile().lease().toMillis() / 2)));
    }

    /**
     * The registry that {@code /observe/metrics} serves: Camel's Prometheus support binds it as {@code metricsRegistry}
     * when it starts first, and adopts the one bound under that name when it starts later.
     */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry existing = registry.lookupByNameAndType(METRICS_REGISTRY, MeterRegistry.class);
        if (existing != null) {
            return existing;
        }
        PrometheusMeterRegistry created = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.bind(METRICS_REGISTRY, created);
        return created;
    }

    /** Identifies this process in task leases, so an operator can see who holds what. */
    private static String instanceId() {
        String jvm = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        return jvm + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A producer template created on first use, once the context runs; shared by the dispatcher and the clients. */
    private static final class LazyTemplate implements Supplier<ProducerTemplate> {
        private final CamelContext context;
        private volatile ProducerTemplate template;

        LazyTemplate(CamelContext context) {
            this.context = context;
        }

        @Override
        public ProducerTemplate get() {
            ProducerTemplate current = template;
            if (current == null) {
                synchronized (this) {
                    if (template == null) {
                        template = context.createProducerTemplate();
                    }
                    current = template;
                }
            }
            return current;
        }
    }

    /** Stops claiming new tasks as soon as the context begins to stop, before Camel drains the routes. */
    private static final class StopClaimingWhenStopping extends SimpleEventNotifierSupport {
        private final Dispatcher dispatcher;

        StopClaimingWhenStopping(Dispatcher dispatcher) {
            this.dispatcher = dispatcher;
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.CamelContextStoppingEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            dispatcher.stopClaiming();
        }
    }

    /** The business HTTP server's router exists only once the context has started its services. */
    private record JsonErrorPagesInstaller(int port, long maxBody, ObjectMapper json) implements StartupListener {
        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            JsonErrorPages.install(context, port, maxBody, json);
        }
    }
}
