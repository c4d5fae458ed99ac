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
 * Scenario 2: Store B answers 500 to one call in five throughout, and 503 to every call during an outage; edits made
 * meanwhile reach Store B once it is back, and nothing is dead-lettered for it.
 */
@Tag("fault")
class StoreBFaultIT {
    private static final Duration OUTAGE = Duration.ofSeconds(LONG ? 30 : 8);

    @TempDir
    Path dir;

    @Test
    void anOutageAndRandomServerErrorsDelayButLoseNothing() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, false)) {
            ServiceProcess service = rig.startService(rig.environment());
            rig.storeB().faults(0.2, 500);
            List<Long> ids = rig.seed("OUTAGE", 40);
            rig.awaitConverged(service);

            rig.storeB().outage(true);
            rig.editFor(ids, OUTAGE);
            rig.storeB().outage(false);
            Duration converged = rig.awaitConverged(service);

            assertThat(FaultRig.tasks(service).getOrDefault("dead", 0L)).isZero();
            assertThat(FaultRig.metric(service, "storesync_syncs_total{outcome=\"retry\"}"))
                    .as("the outage and the 500s were met, and retried")
                    .isPositive();
            service.terminate();
            FaultRig.assertSound(rig.account(
                    "Store B down " + OUTAGE.toSeconds() + " s (503), 20 % random 500s throughout", converged));
        }
    }
}
