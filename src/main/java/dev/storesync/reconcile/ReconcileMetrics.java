package dev.storesync.reconcile;

import dev.storesync.reconcile.ReconcileRequest.Resource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Reconcile progress for Prometheus: the current run's counts and percentage, what runs found, how they ended. */
final class ReconcileMetrics {
    private final MeterRegistry meters;
    private final AtomicLong running = new AtomicLong();
    private final AtomicLong percent = new AtomicLong();
    private final Map<Resource, AtomicLong> scanned = new ConcurrentHashMap<>();
    private final Map<Resource, AtomicLong> total = new ConcurrentHashMap<>();

    ReconcileMetrics(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("storesync_reconcile_running", running, AtomicLong::get)
                .description("1 while a reconcile run is running on this instance")
                .register(meters);
        Gauge.builder("storesync_reconcile_progress_percent", percent, AtomicLong::get)
                .description("How far the current (or last) reconcile run has come")
                .register(meters);
        for (Resource resource : Resource.values()) {
            AtomicLong s = scanned.computeIfAbsent(resource, r -> new AtomicLong());
            AtomicLong t = total.computeIfAbsent(resource, r -> new AtomicLong());
            Gauge.builder("storesync_reconcile_scanned", s, AtomicLong::get)
                    .description("Store A items the current (or last) reconcile run has compared")
                    .tag("resource", resource.value())
                    .register(meters);
            // not "_total": the Prometheus registry strips that suffix from a gauge's name
            Gauge.builder("storesync_reconcile_expected", t, AtomicLong::get)
                    .description("Store A items the current (or last) reconcile run will compare")
                    .tag("resource", resource.value())
                    .register(meters);
            differingCounter(resource);
        }
    }

    void started() {
        running.set(1);
        percent.set(0);
        scanned.values().forEach(v -> v.set(0));
        total.values().forEach(v -> v.set(0));
    }

    void progress(ReconcileRun run) {
        percent.set(run.percent());
        run.progress.forEach((resource, p) -> {
            scanned.get(resource).set(p.scanned);
            total.get(resource).set(Math.max(0, p.total));
        });
    }

    void differing(Resource resource, int count) {
        differingCounter(resource).increment(count);
    }

    void finished(ReconcileRun run) {
        progress(run);
        running.set(0);
        Counter.builder("storesync_reconcile_runs")
                .description("Reconcile runs by how they ended")
                .tag("outcome", run.status.value())
                .register(meters)
                .increment();
    }

    private Counter differingCounter(Resource resource) {
        return Counter.builder("storesync_reconcile_differing")
                .description("Store A items reconcile runs found different in Store B")
                .tag("resource", resource.value())
                .register(meters);
    }
}
