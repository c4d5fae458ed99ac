package dev.storesync.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.ContractCheck;
import dev.storesync.testsupport.StoreFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request the client and sync tests sent to the simulated stores, and every answer they got, checked against the
 * official specs. Runs after the unit tests (failsafe, in {@code mvn verify}), which leave their request logs in
 * {@code target/contract-logs}.
 */
class RequestLogContractIT {
    private static final List<String> SUITES = List.of(
            "PagingTest",
            "BigCommerceClientTest",
            "RateLimitTest",
            "HookLifecycleTest",
            "ProductSyncTest-A",
            "ProductSyncTest-B",
            "SyncFailuresTest-A",
            "SyncFailuresTest-B",
            "DeletePolicyTest-A",
            "DeletePolicyTest-B");

    @TempDir
    Path dir;

    @Test
    void theSuitesRequestLogsHaveNoViolation() throws Exception {
        ContractCheck.assumeAvailable();
        assertThat(SUITES).as("the unit tests write these logs; run mvn verify").allSatisfy(name -> assertThat(
                        StoreFixture.CONTRACT_LOGS.resolve(name + ".jsonl"))
                .isNotEmptyFile());
        List<Path> logs;
        try (Stream<Path> files = Files.list(StoreFixture.CONTRACT_LOGS)) {
            logs = files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }

        ContractCheck.Report report = ContractCheck.run(dir, logs);

        long lines = 0;
        for (Path log : logs) {
            lines += Files.readAllLines(log).size();
        }
        assertThat(report.checked()).isEqualTo(lines);
        assertThat(report.violations()).as(report.json()).isEmpty();
    }
}
