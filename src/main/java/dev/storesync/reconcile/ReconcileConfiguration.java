package dev.storesync.reconcile;

import dev.storesync.bigcommerce.StoreClients;
import dev.storesync.config.InstanceId;
import dev.storesync.config.Settings;
import dev.storesync.persistence.Database;
import dev.storesync.persistence.StoredSettings;
import dev.storesync.queue.DispatcherWakeUp;
import dev.storesync.queue.TaskQueue;
import dev.storesync.sync.BrandComparison;
import dev.storesync.sync.CategoryComparison;
import dev.storesync.sync.ProductPipeline;
import dev.storesync.sync.ProductWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;

/** Reconcile runs (DESIGN §7): the reconciler, a Camel service that runs, resumes and aborts them. */
@Configuration
public class ReconcileConfiguration implements CamelConfiguration {

    @BindToRegistry(lazy = true)
    public ReconcileParts reconcileParts(
            StoreClients stores,
            ProductPipeline products,
            ProductWriter writer,
            CategoryComparison categories,
            BrandComparison brands) {
        return new ReconcileParts(stores.storeA(), stores.storeB(), products, writer, categories, brands);
    }

    @BindToRegistry(lazy = true)
    public Reconciler reconciler(
            CamelContext context,
            Database database,
            ReconcileParts parts,
            TaskQueue queue,
            StoredSettings stored,
            MeterRegistry meters,
            Settings settings,
            InstanceId instance,
            Clock clock,
            DispatcherWakeUp wakeUp)
            throws Exception {
        Reconciler reconciler = new Reconciler(
                database, parts, queue, stored, meters, settings.reconcile(), instance.value(), clock, wakeUp);
        context.addService(reconciler, true, false);
        return reconciler;
    }

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().findSingleByType(Reconciler.class);
    }
}
