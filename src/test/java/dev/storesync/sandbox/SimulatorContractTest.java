package dev.storesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.ApiClient;
import dev.storesync.testsupport.ContractCheck;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against the official specs: a broad scenario over HTTP, its request log (requests and answers)
 * checked by {@code shared/tools/bc-contract-check}, which must find no violation.
 */
class SimulatorContractTest {
    @TempDir
    Path dir;

    @Test
    void theScenarioPassesTheContractCheck() throws Exception {
        ContractCheck.assumeAvailable();
        Path log = dir.resolve("requests.jsonl");
        try (Simulator simulator = Simulator.start("127.0.0.1", 0)) {
            SimulatedStore store =
                    simulator.addStore(StoreOptions.of("contract", "token-0123").withRequestLog(log));
            CatalogSeeder.Seeded seeded = CatalogSeeder.seed(store.catalog(), 30, 1);
            new ContractScenario(new ApiClient(simulator.baseUrl(), "contract", "token-0123")).run(seeded);
        }

        ContractCheck.Report report = ContractCheck.run(dir, List.of(log));

        assertThat(report.checked()).isGreaterThan(100);
        assertThat(report.violations()).as(report.json()).isEmpty();
        assertThat(report.waived())
                .as("the scenario's hook list is never empty")
                .isEmpty();
    }
}
