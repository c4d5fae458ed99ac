package dev.storesync.fault;

import static dev.storesync.testsupport.FaultRig.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.sandbox.WebhookSender;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 1: the jar is killed with SIGKILL halfway through a burst of webhooks and restarted on the same data
 * directory; Store A redelivers what was not acknowledged, as BigCommerce does, and nothing acknowledged is lost.
 */
@Tag("fault")
class KillNineFaultIT {
    private static final int PRODUCTS = LONG ? 500 : 100;
    private static final int EDITS_PER_PRODUCT = 4;

    @TempDir
    Path dir;

    @Test
    void killedMidBurstAndRestartedOnTheSameDataDirectory() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, false)) {
            Map<String, String> env = rig.environment();
            ServiceProcess first = rig.startService(env);
            List<Long> ids = rig.seed("KILL", PRODUCTS);
            for (int round = 1; round <= EDITS_PER_PRODUCT; round++) {
                for (long id : ids) {
                    rig.edit(id, 100 + round);
                }
            }
            int burst = PRODUCTS * (1 + EDITS_PER_PRODUCT);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> acknowledged(rig) >= burst / 2);
            first.kill9();
            long ackedBeforeKill = acknowledged(rig);
            assertThat(ackedBeforeKill).as("killed midway").isLessThan(burst);
            System.out.printf("kill -9: %d of %d webhooks acknowledged before SIGKILL%n", ackedBeforeKill, burst);

            ServiceProcess second = rig.startService(env);
            Duration converged = rig.awaitConverged(second);
            second.terminate();

            FaultRig.assertSound(rig.account("kill -9 mid-burst, restart on the same DATA_DIR", converged));
        }
    }

    private static long acknowledged(FaultRig rig) {
        return rig.storeA().webhooks().deliveries().stream()
                .filter(WebhookSender.Delivery::succeeded)
                .count();
    }
}
