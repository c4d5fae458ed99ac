package dev.storesync.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.CatalogBuilder;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import dev.storesync.testsupport.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 6: Store A answers slowly, close to the API timeout, and then 404 for a product deleted between its webhook
 * and its sync. Slow reads finish the sync; the 404 is a deletion (the delete policy applies), not a failure.
 */
@Tag("fault")
class SlowStoreAFaultIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SLOW = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    @Test
    void slowReadsFinishAndAProductGoneBeforeItsSyncIsDisabledInStoreB() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, false)) {
            Map<String, String> env = rig.environment();
            env.put("API_TIMEOUT_IN_SECS", Long.toString(TIMEOUT.toSeconds()));
            ServiceProcess service = rig.startService(env);
            List<Long> ids = rig.seed("SLOW", 10);
            rig.awaitConverged(service);

            rig.storeA().latency(SLOW);
            rig.storeA().requests().clear();
            ids.forEach(id -> rig.edit(id, 300));
            Duration slowConverged = rig.awaitConverged(service);
            assertThat(rig.storeA().requests().entries())
                    .as("Store A's answers came close to the timeout")
                    .isNotEmpty()
                    .allMatch(e -> e.ms() >= SLOW.toMillis() && e.status() == 200);
            rig.storeA().latency(Duration.ZERO);

            long gone = ids.get(0);
            rig.storeA().webhooks().enabled(false);
            rig.a().products.delete(gone);
            rig.storeA().webhooks().enabled(true);
            assertThat(service.postWebhook(Webhooks.product(
                                    "updated", gone, Instant.now().getEpochSecond()))
                            .statusCode())
                    .isEqualTo(200);
            Duration converged = rig.awaitConverged(service);

            assertThat(FaultRig.tasks(service).getOrDefault("dead", 0L)).isZero();
            assertThat(CatalogBuilder.bySku(rig.b(), "SLOW-0")
                            .path("availability")
                            .asText())
                    .as("DELETE_POLICY=disable")
                    .isEqualTo("disabled");
            service.terminate();
            FaultRig.assertSound(rig.account(
                    "Store A slow (" + SLOW.toMillis() + " ms, timeout " + TIMEOUT.toSeconds()
                            + " s), then 404 for a deleted product",
                    slowConverged.plus(converged)));
        }
    }
}
