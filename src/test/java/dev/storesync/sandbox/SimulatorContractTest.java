package dev.storesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.ApiClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against the official specs: a broad scenario over HTTP, its request log (requests and answers)
 * checked by {@code shared/tools/bc-contract-check}, which must find no violation.
 */
class SimulatorContractTest {
    static final Path CHECKER = Path.of("..", "shared", "tools", "bc-contract-check", "bc-contract-check");

    @TempDir
    Path dir;

    @Test
    void theScenarioPassesTheContractCheck() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHECKER),
                "skipped: " + CHECKER.toAbsolutePath().normalize()
                        + " is absent (a clone outside the workspace has no ../shared); CI runs this check");
        Path log = dir.resolve("requests.jsonl");
        try (Simulator simulator = Simulator.start("127.0.0.1", 0)) {
            SimulatedStore store =
                    simulator.addStore(StoreOptions.of("contract", "token-0123").withRequestLog(log));
            CatalogSeeder.Seeded seeded = CatalogSeeder.seed(store.catalog(), 30, 1);
            new ContractScenario(new ApiClient(simulator.baseUrl(), "contract", "token-0123")).run(seeded);
        }

        Process checker = new ProcessBuilder(CHECKER.toString(), log.toString())
                .redirectErrorStream(true)
                .start();
        String report = new String(checker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(checker.waitFor(180, TimeUnit.SECONDS)).isTrue();

        assertThat(report).as(report).contains(" 0 violations (0 request, 0 response), 0 unknown");
        assertThat(checker.exitValue()).as(report).isZero();
    }
}
