package dev.storesync;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.admin.AdminApi;
import dev.storesync.admin.ReconcileApi;
import dev.storesync.admin.StatusPage;
import dev.storesync.bigcommerce.StoreClients;
import dev.storesync.config.Settings;
import dev.storesync.health.BacklogHealthCheck;
import dev.storesync.health.ChannelHealthCheck;
import dev.storesync.health.HooksHealthCheck;
import dev.storesync.health.MongoHealthCheck;
import dev.storesync.health.StoreHealthCheck;
import dev.storesync.hooks.HookLifecycle;
import dev.storesync.intake.WebhookEventLog;
import dev.storesync.persistence.Database;
import dev.storesync.queue.DispatcherWakeUp;
import dev.storesync.queue.TaskQueue;
import dev.storesync.reconcile.Reconciler;
import dev.storesync.sync.ProductDryRun;
import dev.storesync.web.HttpAnswers;
import dev.storesync.web.JsonErrorPages;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.StartupListener;

/**
 * Operations (DESIGN §8): the health checks Camel serves on the management port, the admin API and status page, and
 * the JSON answers of the business port.
 */
@Configuration
public class OperationsConfiguration implements CamelConfiguration {
    /** How often a health check may spend a store's quota on a probe. */
    private static final Duration STORE_PROBE = Duration.ofSeconds(30);
    /** The business port's answers are JSON; Camel's own Jackson set-up is left alone. */
    private final ObjectMapper json = new ObjectMapper();

    // Camel's health registry picks up HealthCheck beans: /observe/health on the management port

    @BindToRegistry(lazy = true)
    public MongoHealthCheck mongodbHealthCheck(Database database) {
        return new MongoHealthCheck(database);
    }

    @BindToRegistry(lazy = true)
    public StoreHealthCheck storeAHealthCheck(StoreClients stores, Clock clock) {
        return new StoreHealthCheck("store-a", stores.storeA(), clock, STORE_PROBE);
    }

    @BindToRegistry(lazy = true)
    public StoreHealthCheck storeBHealthCheck(StoreClients stores, Clock clock) {
        return new StoreHealthCheck("store-b", stores.storeB(), clock, STORE_PROBE);
    }

    @BindToRegistry(lazy = true)
    public ChannelHealthCheck channelHealthCheck(StoreClients stores, Settings settings, Clock clock) {
        return new ChannelHealthCheck(stores.storeA(), settings.storeBChannelOnStoreA(), clock, STORE_PROBE);
    }

    @BindToRegistry(lazy = true)
    public HooksHealthCheck hooksHealthCheck(HookLifecycle hooks, Settings settings) {
        return new HooksHealthCheck(hooks, settings.registerHooks());
    }

    @BindToRegistry(lazy = true)
    public BacklogHealthCheck backlogHealthCheck(TaskQueue queue, Clock clock, Settings settings) {
        return new BacklogHealthCheck(queue, clock, settings.queue().backlogAlertAfter());
    }

    @BindToRegistry(lazy = true)
    public AdminApi adminApi(
            TaskQueue queue,
            WebhookEventLog events,
            HookLifecycle hooks,
            Settings settings,
            ProductDryRun dryRun,
            MeterRegistry meters,
            DispatcherWakeUp wakeUp,
            Database database,
            Reconciler reconciler,
            Clock clock) {
        return new AdminApi(
                queue,
                events,
                hooks,
                settings.registerHooks(),
                dryRun,
                meters,
                wakeUp,
                database.durability(),
                reconciler,
                clock);
    }

    @BindToRegistry(lazy = true)
    public ReconcileApi reconcileApi(Reconciler reconciler) {
        return new ReconcileApi(reconciler);
    }

    @BindToRegistry(lazy = true)
    public StatusPage statusPage() {
        return new StatusPage();
    }

    @BindToRegistry(lazy = true)
    public HttpAnswers httpAnswers() {
        return new HttpAnswers(json);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        long maxBody = context.getPropertiesComponent()
                .resolveProperty("camel.server.maxBodySize")
                .map(Long::parseLong)
                .orElse(1_048_576L);
        context.addStartupListener(new JsonErrorPagesInstaller(settings.http().port(), maxBody, json));
    }

    /** The business HTTP server's router exists only once the context has started its services. */
    private record JsonErrorPagesInstaller(int port, long maxBody, ObjectMapper json) implements StartupListener {
        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            JsonErrorPages.install(context, port, maxBody, json);
        }
    }
}
