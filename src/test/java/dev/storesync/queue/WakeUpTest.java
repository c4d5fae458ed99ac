package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.ScriptedHandler;
import dev.storesync.testsupport.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored webhook wakes the dispatcher: with both schedules an hour apart, the sync still happens. (Functional, not a
 * timing claim: without the wake-up nothing would run for an hour.)
 */
class WakeUpTest {
    @TempDir
    Path dataDir;

    @Test
    void intakeWakesTheDispatcher() {
        ScriptedHandler products = new ScriptedHandler("product");
        try (RunningService service = RunningService.builder()
                .dataDir(dataDir)
                .property("storesync.sync.period-secs", "3600")
                .property("storesync.sync.redelivery-period-secs", "3600")
                .bean("productHandler", products)
                .start()) {
            // Quartz fires each schedule once at start-up; wait for that so it cannot be what syncs the product
            ManagedCamelContext managed =
                    service.context().getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> managed.getManagedRoute("dispatch-on-schedule").getExchangesCompleted() >= 1
                            && managed.getManagedRoute("redelivery").getExchangesCompleted() >= 1);

            assertThat(service.postWebhook(Webhooks.product("updated", 77, 1_700_000_000L))
                            .statusCode())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> products.callsFor(77).size() == 1);
            assertThat(managed.getManagedRoute("dispatch-on-schedule").getExchangesCompleted())
                    .isEqualTo(1);
            assertThat(managed.getManagedRoute("dispatch-on-wakeup").getExchangesCompleted())
                    .isGreaterThanOrEqualTo(1);
        }
    }
}
