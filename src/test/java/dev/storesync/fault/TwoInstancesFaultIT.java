package dev.storesync.fault;

import static dev.storesync.testsupport.FaultRig.LONG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 5: two service processes on one database, each with its own hooks (so every webhook reaches both): the
 * intake stores each event once, the work is shared, and no product is created twice in Store B.
 */
@Tag("fault")
class TwoInstancesFaultIT {
    private static final int PRODUCTS = LONG ? 300 : 60;
    private static final Duration EDITING = Duration.ofSeconds(LONG ? 30 : 5);

    @TempDir
    Path dir;

    @Test
    void twoInstancesShareTheWorkAndCreateEachProductOnce() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, true)) {
            ServiceProcess one = rig.startService(rig.environment());
            ServiceProcess two = rig.startService(rig.environment());
            rig.storeB().requests().clear();

            List<Long> ids = rig.seed("TWO", PRODUCTS);
            rig.editFor(ids, EDITING);
            Duration converged = rig.awaitConverged(one);

            long creates = rig.storeB().requests().entries().stream()
                    .filter(e -> e.operation().equals("POST /catalog/products") && e.status() < 300)
                    .count();
            assertThat(creates).as("products created in Store B").isEqualTo(PRODUCTS);
            for (ServiceProcess instance : List.of(one, two)) {
                assertThat(FaultRig.metric(instance, "storesync_syncs_total{outcome=\"done\"}"))
                        .as("syncs done by each instance")
                        .isPositive();
                assertThat(FaultRig.metric(instance, "storesync_webhooks_received_total{outcome=\"duplicate\"}")
                                + FaultRig.metric(instance, "storesync_webhooks_received_total{outcome=\"accepted\"}"))
                        .as("webhooks each instance received")
                        .isPositive();
            }
            assertThat(FaultRig.tasks(one).getOrDefault("dead", 0L)).isZero();
            one.terminate();
            two.terminate();
            FaultRig.assertSound(rig.account("two instances, one database", converged));
        }
    }
}
