package dev.storesync;

import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.StoreClients;
import dev.storesync.config.InstanceId;
import dev.storesync.config.LazyTemplate;
import dev.storesync.config.Settings;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.persistence.Database;
import dev.storesync.queue.Backoff;
import dev.storesync.queue.Dispatcher;
import dev.storesync.queue.DispatcherWakeUp;
import dev.storesync.queue.LeaseClock;
import dev.storesync.queue.QueueMetrics;
import dev.storesync.queue.TaskHandlers;
import dev.storesync.queue.TaskOutcomes;
import dev.storesync.queue.TaskQueue;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.SimpleEventNotifierSupport;

/**
 * The sync queue (DESIGN §5): tasks, the dispatcher that claims and runs them, and how an attempt's outcome is recorded.
 * Wired here rather than in {@code queue}, which by DESIGN §3 uses nothing of ours but {@code config}.
 */
@Configuration
public class QueueConfiguration implements CamelConfiguration {
    /** The sync-task route: runs a claimed task's handler and records the outcome. */
    private static final String SYNC_TASK = "{{storesync.endpoint.sync-task}}";
    /** How long the dispatcher still waits for running tasks once Camel's own graceful shutdown has drained. */
    private static final Duration DISPATCHER_STOP_GRACE = Duration.ofSeconds(2);

    @BindToRegistry(lazy = true)
    public TaskQueue taskQueue(Database database, LeaseClock clock, Settings settings, InstanceId instance) {
        return new TaskQueue(
                database.mongo(),
                CollectionNames.SYNC_TASKS,
                clock,
                settings.destination(),
                instance.value(),
                settings.queue(),
                settings.cleanup().keepFinishedTasks(),
                new Backoff(settings.queue().retryBase(), settings.queue().retryMax(), ThreadLocalRandom.current()));
    }

    /** Each resource type's {@code TaskHandler} bean, looked up when a task runs (tests install their own). */
    @BindToRegistry(lazy = true)
    public TaskHandlers taskHandlers(Registry registry) {
        return new TaskHandlers(registry);
    }

    @BindToRegistry(lazy = true)
    public Dispatcher dispatcher(
            CamelContext context,
            TaskQueue queue,
            TaskHandlers handlers,
            LazyTemplate template,
            Settings settings,
            StoreClients stores)
            throws Exception {
        Dispatcher dispatcher = new Dispatcher(
                queue,
                handlers,
                task -> template.template().sendBody(SYNC_TASK, task),
                settings.queue().concurrency(),
                settings.queue().lease(),
                settings.queue().attemptDeadline(),
                DISPATCHER_STOP_GRACE,
                () -> accessDenied(stores),
                settings.queue().pollPeriod());
        context.addService(dispatcher, true, false);
        context.getManagementStrategy().addEventNotifier(new StopClaimingWhenStopping(dispatcher));
        return dispatcher;
    }

    /** Every sync reads Store A and writes Store B: while either refuses the credentials, none can succeed. */
    private static Optional<String> accessDenied(StoreClients stores) {
        return stores.storeA()
                .accessDenied()
                .or(() -> stores.storeB().accessDenied())
                .map(BigCommerceClient.Contact::problem);
    }

    @BindToRegistry(lazy = true)
    public DispatcherWakeUp dispatcherWakeUp(LazyTemplate template) {
        return new DispatcherWakeUp(template::template);
    }

    @BindToRegistry(lazy = true)
    public TaskOutcomes taskOutcomes(TaskQueue queue, Clock clock, MeterRegistry meters) {
        return new TaskOutcomes(queue, new QueueMetrics(queue, clock, meters));
    }

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().findSingleByType(Dispatcher.class);
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
}
