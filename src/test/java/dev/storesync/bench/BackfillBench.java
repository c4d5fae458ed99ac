package dev.storesync.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.sandbox.CatalogSeeder;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * §10 "backfill under a 150 req / 30 s quota": a first import of a seeded Store A into an empty Store B through a
 * backfill run, with Store B's quota in force. The window may be scaled down (same calls per window, shorter window)
 * so the run takes minutes, not an hour; the results say which window was used.
 */
final class BackfillBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the import took: Store B calls against the quota the elapsed windows allowed, failures, pace. */
    record Outcome(
            int products,
            int quota,
            Duration window,
            Duration elapsed,
            long calls,
            long refused,
            long failedTasks,
            long productsInStoreB) {
        double quotaUsed() {
            double windows = elapsed.toMillis() / (double) window.toMillis();
            return calls / (quota * windows);
        }

        double productsPerMinute() {
            return products / (elapsed.toMillis() / 60_000.0);
        }
    }

    private BackfillBench() {}

    static Outcome run(Path dir, int products, int quota, Duration window) throws Exception {
        try (FaultRig rig = FaultRig.start(dir, false)) {
            CatalogSeeder.seed(rig.a(), products, 7);
            ServiceProcess service = BenchmarkIT.startService(rig);
            rig.storeB().quota(quota, window);
            rig.storeB().requests().clear();

            java.time.Instant start = java.time.Instant.now();
            String runId = JSON.readTree(service.post("/admin/api/reconcile", "{\"backfill\":true}")
                            .body())
                    .path("runId")
                    .asText();
            await().atMost(Duration.ofMinutes(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !run(service, runId).path("status").asText().equals("running"));
            String status = run(service, runId).path("status").asText();
            if (!status.equals("done")) {
                throw new IllegalStateException("the backfill run ended " + status + ": " + run(service, runId));
            }
            rig.awaitConverged(service);
            List<RequestLog.Entry> calls = rig.storeB().requests().entries();
            // until Store B answered the import's last call, not until this wait noticed
            Duration elapsed = Duration.between(start, StoreCalls.lastAnswered(calls));
            long failed = FaultRig.tasks(service).getOrDefault("dead", 0L)
                    + (long) FaultRig.metric(service, "storesync_syncs_total{outcome=\"retry\"}");
            Outcome outcome = new Outcome(
                    products,
                    quota,
                    window,
                    elapsed,
                    calls.size(),
                    calls.stream().filter(e -> e.status() == 429).count(),
                    failed,
                    FaultRig.products(rig.b()).size());
            service.terminate();
            return outcome;
        }
    }

    private static JsonNode run(ServiceProcess service, String runId) throws Exception {
        return JSON.readTree(
                service.get(service.port(), "/admin/api/reconcile/" + runId).body());
    }
}
