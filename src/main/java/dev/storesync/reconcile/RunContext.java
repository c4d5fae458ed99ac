package dev.storesync.reconcile;

import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.config.Settings;
import dev.storesync.queue.TaskQueue;
import dev.storesync.sync.Backfill;
import dev.storesync.sync.CatalogCompare;
import java.time.Clock;

/** What every run of this instance works with: the reconciler holds one and hands it to each execution. */
record RunContext(
        ReconcileRuns runs,
        CatalogCompare compare,
        Backfill backfill,
        TaskQueue queue,
        BigCommerceClient storeA,
        ReconcileMetrics metrics,
        Settings.Reconcile settings,
        String owner,
        Clock clock,
        Runnable wakeDispatcher) {}
