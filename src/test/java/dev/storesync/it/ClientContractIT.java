package dev.storesync.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.ContractCheck;
import dev.storesync.testsupport.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request the client tests sent, and every answer the simulator gave them, checked against the official specs.
 * Runs after the unit tests (failsafe, in {@code mvn verify}), which leave their logs in {@code target/contract-logs}.
 */
class ClientContractIT {
    private static final List<String> CLIENT_SUITE =
            List.of("PagingTest", "BigCommerceClientTest", "RateLimitTest", "HookLifecycleTest");

    @TempDir
    Path dir;

    @Test
    void theClientSuitesRequestLogHasNoViolation() throws Exception {
        ContractCheck.assumeAvailable();
        List<Path> logs = CLIENT_SUITE.stream()
                .map(name -> StoreFixture.CONTRACT_LOGS.resolve(name + ".jsonl"))
                .toList();
        assertThat(logs).as("the unit tests write these logs; run mvn verify").allSatisfy(log -> assertThat(log)
                .isNotEmptyFile());

        ContractCheck.Report report = ContractCheck.run(dir, logs);

        long lines = 0;
        for (Path log : logs) {
            lines += Files.readAllLines(log).size();
        }
        assertThat(report.checked()).isEqualTo(lines);
        assertThat(report.violations()).as(report.json()).isEmpty();
    }
}
