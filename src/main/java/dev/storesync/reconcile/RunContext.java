package dev.storesync.reconcile;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.config.Settings;
import dev.storesync.queue.DispatcherWakeUp;
import dev.storesync.queue.TaskQueue;
import dev.storesync.sync.BrandComparison;
import dev.storesync.sync.CategoryComparison;
import java.time.Clock;

/** What every run of this instance works with: the reconciler holds one and hands it to each execution. */
record RunContext(
        ReconcileRuns runs,
        BigCommerceStore storeA,
        PageComparison pages,
        CategoryComparison categories,
        BrandComparison brands,
        Backfill backfill,
        TaskQueue queue,
        ReconcileMetrics metrics,
        Settings.Reconcile settings,
        String owner,
        Clock clock,
        DispatcherWakeUp wakeUp) {}
