package dev.storesync.fault;

import static dev.storesync.testsupport.FaultRig.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.sandbox.WebhookSender;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import dev.storesync.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4: the database goes away under a running service and comes back on the same address. Meanwhile intake
 * answers 503 (so Store A delivers again later) and acknowledges nothing it did not store; afterwards the same process
 * carries on, without a restart.
 */
@Tag("fault")
class MongoOutageFaultIT {
    private static final Duration OUTAGE = Duration.ofSeconds(LONG ? 30 : 6);

    @TempDir
    Path dir;

    @Test
    void intakeSays503WhileTheDatabaseIsDownAndTheServiceRecoversByItself() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, true)) {
            ServiceProcess service = rig.startService(rig.environment());
            List<Long> ids = rig.seed("MONGO", 30);
            rig.awaitConverged(service);

            rig.mongo().stop();
            String probe = Webhooks.product("updated", ids.get(0), 1_800_000_000L);
            AtomicBoolean probeAcknowledged = new AtomicBoolean();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> answer = service.postWebhook(probe);
                probeAcknowledged.compareAndSet(false, answer.statusCode() == 200);
                return answer.statusCode() == 503;
            });
            rig.editFor(ids, OUTAGE);
            assertThat(rig.storeA().webhooks().deliveries())
                    .as("Store A's deliveries met the 503 and will try again")
                    .anyMatch(d -> d.status() == 503);
            rig.mongo().restart();
            Duration converged = rig.awaitConverged(service);

            assertThat(service.alive()).isTrue();
            assertThat(FaultRig.tasks(service).getOrDefault("dead", 0L)).isZero();
            if (probeAcknowledged.get()) {
                assertThat(rig.storedEvents()).contains("store/product/updated|" + probeHash(probe) + "|1800000000");
            }
            assertThat(rig.storeA().webhooks().deliveries())
                    .filteredOn(WebhookSender.Delivery::succeeded)
                    .isNotEmpty();
            service.terminate();
            FaultRig.assertSound(rig.account("MongoDB down " + OUTAGE.toSeconds() + " s, same process", converged));
        }
    }

    private static String probeHash(String body) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(body)
                .path("hash")
                .asText();
    }
}
