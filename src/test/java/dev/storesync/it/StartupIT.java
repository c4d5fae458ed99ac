package dev.storesync.it;

import static dev.storesync.testsupport.ServiceProcess.assertStoppedGracefully;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.sandbox.SimulatedStore;
import dev.storesync.sandbox.Simulator;
import dev.storesync.sandbox.StoreOptions;
import dev.storesync.testsupport.CatalogBuilder;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.ServiceProcess;
import dev.storesync.testsupport.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar as an operator meets it: one clear line for bad settings, no secret in the log, a clean stop. */
class StartupIT {
    @TempDir
    Path workDir;

    @Test
    void badSettingsStopStartUpWithOneLine() throws Exception {
        Map<String, String> env = Map.of("PORT", "eighty", "STORE_A_ACCESS_TOKEN", "tok-never-shown-123");
        try (ServiceProcess process = ServiceProcess.start(workDir, env, List.of(), List.of(), List.of())) {
            int exit = process.awaitExit();

            String output = process.output();
            List<String> problems =
                    output.lines().filter(l -> l.startsWith("storesync:")).toList();
            assertThat(exit).isEqualTo(2);
            assertThat(problems).singleElement().satisfies(line -> assertThat(line)
                    .contains("PORT must be a whole number")
                    .contains("STORE_A_HASH is required")
                    .contains("STORE_B_ACCESS_TOKEN is required"));
            assertThat(output).doesNotContain("Exception", "\tat ", "tok-never-shown-123");
        }
    }

    @Test
    void secretsNeverReachTheLog() throws Exception {
        String tokenA = "store-a-token-SHOULD-NOT-LEAK";
        String tokenB = "store-b-token-SHOULD-NOT-LEAK";
        String password = "admin-password-SHOULD-NOT-LEAK";
        try (Simulator simulator = Simulator.start("127.0.0.1", 0)) {
            SimulatedStore storeA = simulator.addStore(StoreOptions.of("storea", tokenA));
            simulator.addStore(StoreOptions.of("storeb", tokenB));
            Map<String, String> env =
                    new HashMap<>(ServiceProcess.baseEnvironment(Files.createDirectories(workDir.resolve("data"))));
            env.put("STORE_A_ACCESS_TOKEN", tokenA);
            env.put("STORE_B_ACCESS_TOKEN", tokenB);
            env.put("STORE_A_API_URL", simulator.baseUrl());
            env.put("STORE_B_API_URL", simulator.baseUrl());
            env.put("ADMIN_USER", "ops");
            env.put("ADMIN_PASSWORD", password);
            try (ServiceProcess process = ServiceProcess.start(workDir, env, List.of(), List.of(), List.of())
                    .awaitHealthy()) {
                long id = storeA.catalog()
                        .products
                        .create(CatalogBuilder.product("Secret Mug", "SECRET-1", 10))
                        .path("id")
                        .asLong();
                String event = Webhooks.envelope("store/product/updated", Webhooks.typed("product", id), 1700000000);

                // every path a secret travels: API calls with both tokens, admin calls with the right and a wrong
                // password, webhooks with the right and a wrong secret
                assertThat(process.postWebhook(event).statusCode()).isEqualTo(200);
                assertThat(process.postWebhook(event, "wrong-secret-SHOULD-NOT-LEAK")
                                .statusCode())
                        .isEqualTo(401);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> process.get(process.port(), "/admin/api/tasks?status=done")
                                .body()
                                .contains("storeb:product:" + id));
                assertThat(process.get(
                                        process.managementPort(),
                                        "/observe/health",
                                        Optional.of(ServiceProcess.basic("ops", "wrong-password-SHOULD-NOT-LEAK")))
                                .statusCode())
                        .isEqualTo(401);
                assertThat(process.get(process.managementPort(), "/observe/metrics")
                                .statusCode())
                        .isEqualTo(200);
                assertStoppedGracefully(process);

                String output = process.output();
                assertThat(output).contains("Store A storea -> Store B storeb");
                assertThat(output)
                        .doesNotContain(
                                "SHOULD-NOT-LEAK",
                                RunningService.SECRET,
                                ServiceProcess.basic("ops", password).substring("Basic ".length()));
            }
        }
    }

    @Test
    void theSimulatorCommandServesASeededStore() throws Exception {
        int port = dev.storesync.testsupport.Ports.free();
        List<String> args = List.of(
                "simulator",
                "--port",
                Integer.toString(port),
                "--store-hash",
                "itstore",
                "--token",
                "it-token",
                "--seed-products",
                "5");
        try (ServiceProcess process = ServiceProcess.start(workDir, Map.of(), List.of(), List.of(), args)) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> process.output().contains("API base URL: http://127.0.0.1:" + port));
            var api = new dev.storesync.testsupport.ApiClient("http://127.0.0.1:" + port, "itstore", "it-token");

            var products = api.get("/catalog/products");

            assertThat(products.status()).isEqualTo(200);
            assertThat(products.data()).hasSize(5);
            assertThat(process.output()).doesNotContain("it-token");
        }
    }

    @Test
    void theJarRunsWithTheReadmesOptionsAndMapsTheArchiveTheBuildRecorded() throws Exception {
        List<String> options = new ArrayList<>(ServiceProcess.RECOMMENDED_JVM_OPTIONS);
        // without it a JVM that cannot map the archive (recorded for another jar or JVM) starts without it, silently
        options.add("-Xshare:on");
        try (ServiceProcess process = ServiceProcess.start(workDir, Map.of(), options, List.of(), List.of("--help"))) {
            assertThat(process.awaitExit()).as(process.output()).isZero();
            assertThat(process.output()).startsWith("usage: java -jar storesync.jar");
        }
    }

    @Test
    void theDemoCommandRuns() throws Exception {
        try (ServiceProcess process =
                ServiceProcess.start(workDir, Map.of(), List.of(), List.of(), List.of("--demo"))) {
            assertThat(process.awaitExit()).as(process.output()).isZero();
            assertThat(process.output())
                    .contains("edit in Store A: category Men/Sale moved under Home")
                    .contains("Store B matches Store A");
        }
    }
}
