package dev.storesync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.storesync.hooks.HookLifecycle;
import dev.storesync.sandbox.SimulatedStore;
import dev.storesync.sandbox.Simulator;
import dev.storesync.sandbox.StoreOptions;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.Ports;
import dev.storesync.testsupport.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register-hooks route in the running service: at start-up it registers Store A's hooks to the service's own
 * intake, and the webhooks Store A then sends are accepted, which proves destination and secret right end to end.
 */
class HookRegistrationTest {
    @TempDir
    Path dataDir;

    @Test
    void atStartUpTheHooksPointAtTheIntakeWithTheSecret() {
        try (Simulator simulator = Simulator.start("127.0.0.1", 0)) {
            SimulatedStore storeA = simulator.addStore(StoreOptions.of("storea", "token-a-0123456789"));
            long product = storeA.catalog()
                    .products
                    .create(JsonNodeFactory.instance
                            .objectNode()
                            .put("name", "Hooked Tee")
                            .put("type", "physical")
                            .put("sku", "HOOK-1")
                            .put("price", 10)
                            .put("weight", 1))
                    .path("id")
                    .asLong();
            int port = Ports.free();
            String appUrl = "http://127.0.0.1:" + port;

            try (RunningService service = RunningService.builder()
                    .dataDir(dataDir)
                    .property("storesync.port", Integer.toString(port))
                    .property("storesync.app-url", appUrl)
                    .property("storesync.register-hooks", "true")
                    .property("storesync.store-a.api-url", simulator.baseUrl())
                    .start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> hooks(storeA).size() == 12);
                assertThat(hooks(storeA)).allSatisfy(hook -> {
                    assertThat(hook.path("destination").asText()).isEqualTo(appUrl + "/webhooks");
                    assertThat(hook.path("headers").path("X-Webhook-Secret").asText())
                            .isEqualTo(RunningService.SECRET);
                });
                assertThat(service.bean("hookLifecycle", HookLifecycle.class).lastOutcome())
                        .hasValueSatisfying(
                                outcome -> assertThat(outcome.created()).isEqualTo(12));

                storeA.catalog()
                        .products
                        .update(product, JsonNodeFactory.instance.objectNode().put("price", 12));

                await().atMost(Duration.ofSeconds(30)).until(() -> service.queue()
                        .find("storeb:product:" + product)
                        .isPresent());
                // the simulator records a delivery once it has the answer
                await().until(() -> !storeA.webhooks().deliveries().isEmpty());
                assertThat(storeA.webhooks().deliveries())
                        .allSatisfy(delivery -> assertThat(delivery.status()).isEqualTo(200));
                assertThat(service.get(service.managementPort(), "/observe/metrics")
                                .body())
                        .contains("storesync_api_calls_total{method=\"POST\",status=\"200\",store=\"A\"} 12.0");
            }
        }
    }

    @Test
    void withoutRegisterHooksStoreAIsLeftAlone() {
        try (Simulator simulator = Simulator.start("127.0.0.1", 0);
                RunningService service = RunningService.builder()
                        .dataDir(dataDir)
                        .property("storesync.app-url", "http://127.0.0.1:1")
                        .property("storesync.register-hooks", "false")
                        .property("storesync.store-a.api-url", simulator.baseUrl())
                        .start()) {
            SimulatedStore storeA = simulator.addStore(StoreOptions.of("storea", "token-a-0123456789"));

            assertThat(service.context()
                            .getRouteController()
                            .getRouteStatus("register-hooks")
                            .isStopped())
                    .isTrue();
            assertThat(storeA.requests().total()).isZero();
        }
    }

    private static List<JsonNode> hooks(SimulatedStore store) {
        return List.copyOf(store.catalog()
                .hooks
                .list(new ListQuery(Map.of("limit", "250")))
                .items());
    }
}
