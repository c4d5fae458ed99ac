package dev.storesync.fault;

import static dev.storesync.testsupport.FaultRig.LONG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.sandbox.RequestLog;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 3: a 429 storm. Store B's quota is far below what a merchant editing every product every second demands;
 * the sync falls behind and catches up, but no task ever fails and no call is sent into a window that has run out.
 */
@Tag("fault")
class RateLimitStormFaultIT {
    private static final Duration STORM = Duration.ofSeconds(LONG ? 180 : 20);
    private static final int PRODUCTS = 30;
    private static final int QUOTA = 8;
    private static final Duration WINDOW = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    void aQuotaFarBelowDemandSlowsTheSyncButFailsNoTask() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, false)) {
            ServiceProcess service = rig.startService(rig.environment());
            List<Long> ids = rig.seed("STORM", PRODUCTS);
            rig.awaitConverged(service);
            rig.storeB().quota(QUOTA, WINDOW);
            rig.storeB().requests().clear();

            Instant start = Instant.now();
            int rounds = rig.editFor(ids, STORM);
            Duration converged = rig.awaitConverged(service);
            Duration busy = Duration.between(start, Instant.now());

            List<RequestLog.Entry> calls = rig.storeB().requests().entries();
            long refused = calls.stream().filter(e -> e.status() == 429).count();
            System.out.printf(
                    "429 storm: %d rounds of %d edits; %d calls to Store B in %d s (quota %d per %d ms), %d answered 429%n",
                    rounds, PRODUCTS, calls.size(), busy.toSeconds(), QUOTA, WINDOW.toMillis(), refused);
            assertThat(FaultRig.metric(service, "storesync_syncs_total{outcome=\"retry\"}"))
                    .as("sync attempts that failed")
                    .isZero();
            assertThat(FaultRig.tasks(service).getOrDefault("dead", 0L)).isZero();
            assertThat(calls.size()).as("demand kept the quota busy").isGreaterThan((int)
                    (QUOTA * STORM.toSeconds() / 2));
            for (RequestLog.Entry no :
                    calls.stream().filter(e -> e.status() == 429).toList()) {
                long resetMs = Long.parseLong(no.headers().get("X-Rate-Limit-Time-Reset-Ms"));
                // calls already on the wire when the 429 was answered may still land just after it
                Instant from = no.ts().plusMillis(250);
                Instant until = no.ts().plusMillis(resetMs);
                assertThat(calls.stream().filter(e -> e.ts().isAfter(from) && e.ts().isBefore(until)))
                        .as("calls sent into the window a 429 closed (reset after %d ms)", resetMs)
                        .isEmpty();
            }
            service.terminate();
            FaultRig.assertSound(rig.account(
                    "429 storm for " + STORM.toSeconds() + " s (Store B quota " + QUOTA + "/s)", converged));
        }
    }
}
