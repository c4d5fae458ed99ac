package dev.storesync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks of DESIGN §10 against the packaged jar, with Store A and Store B simulated in this JVM. {@code
 * bench/run} (the {@code bench} Maven profile) runs them at full length and writes bench/RESULTS.md; {@code mvn -B
 * verify} runs a smoke version that only proves they still run (target/bench/RESULTS.md). Figures are reported, never
 * asserted: these machines are shared.
 */
@Tag("bench")
class BenchmarkIT {
    static final boolean FULL = Boolean.getBoolean("storesync.bench.full");

    @TempDir
    Path dir;

    @Test
    void measuresTheTargetsOfDesignSection10() throws Exception {
        BenchResults results = new BenchResults(
                FULL ? "full run" : "smoke run: tiny sizes, figures not meaningful",
                FULL ? "bench/run" : "mvn -B verify");
        if (FULL) {
            try (FaultRig rig = FaultRig.start(dir.resolve("startup"), false)) {
                results.startup(StartupBench.run(rig, dir.resolve("startup"), 5));
            }
        }
        try (FaultRig rig = FaultRig.start(dir.resolve("sync"), false)) {
            ServiceProcess service = startService(rig);
            if (!FULL) {
                results.startup(service.startupTime());
            }

            List<IntakeBench.Level> intake = IntakeBench.run(
                    service, List.of(1, 16, 64), Duration.ofSeconds(FULL ? 20 : 1), Duration.ofSeconds(FULL ? 5 : 1));
            results.intake(intake);
            rig.awaitConverged(service);

            results.endToEnd(EndToEndBench.run(rig, service, FULL ? 20 : 2));
            List<EconomyBench.Change> economy = EconomyBench.run(rig, service);
            results.economy(economy);

            service.terminate();

            assertThat(intake).allSatisfy(level -> assertThat(level.load().ok()).isPositive());
            assertThat(economy).hasSize(5);
        }
        results.backlog(backlog(
                dir.resolve("backlog"),
                FULL ? List.of(0, 10_000, 50_000, 100_000) : List.of(0, 200),
                Duration.ofSeconds(FULL ? 10 : 1),
                Duration.ofSeconds(FULL ? 45 : 1)));
        BackfillBench.Outcome backfill =
                BackfillBench.run(dir.resolve("backfill"), FULL ? 2_000 : 30, 150, Duration.ofSeconds(3));
        results.backfill(backfill);
        assertThat(backfill.productsInStoreB()).isEqualTo(backfill.products());
        results.write(FULL ? Path.of("bench", "RESULTS.md") : Path.of("target", "bench", "RESULTS.md"));
    }

    /**
     * Section 1 alone, at full length, to compare a change that touches intake: {@code bench/run
     * -Dstoresync.bench.intake-only=true -Dit.test=BenchmarkIT#measuresDurableIntakeAlone}; writes
     * target/bench/INTAKE.md.
     */
    @Test
    @EnabledIfSystemProperty(named = "storesync.bench.intake-only", matches = "true")
    void measuresDurableIntakeAlone() throws Exception {
        BenchResults results = new BenchResults("intake only", "bench/run -Dstoresync.bench.intake-only=true");
        try (FaultRig rig = FaultRig.start(dir.resolve("intake"), false)) {
            ServiceProcess service = startService(rig);
            List<IntakeBench.Level> intake =
                    IntakeBench.run(service, List.of(1, 16, 64), Duration.ofSeconds(20), Duration.ofSeconds(5));
            results.intake(intake);
            service.terminate();
            assertThat(intake).allSatisfy(level -> assertThat(level.load().ok()).isPositive());
        }
        results.write(Path.of("target", "bench", "INTAKE.md"));
    }

    /**
     * Section 1b alone: {@code bench/run -Dstoresync.bench.backlog-only=true -Dit.test=BenchmarkIT#measuresBacklog};
     * writes target/bench/BACKLOG.md.
     */
    @Test
    @EnabledIfSystemProperty(named = "storesync.bench.backlog-only", matches = "true")
    void measuresBacklog() throws Exception {
        BenchResults results = new BenchResults("backlog only", "bench/run -Dstoresync.bench.backlog-only=true");
        results.backlog(backlog(
                dir.resolve("backlog"),
                List.of(0, 10_000, 50_000, 100_000),
                Duration.ofSeconds(10),
                Duration.ofSeconds(45)));
        results.write(Path.of("target", "bench", "BACKLOG.md"));
    }

    /**
     * Section 2 alone: {@code bench/run -Dstoresync.bench.endtoend-only=true -Dit.test=BenchmarkIT#measuresEndToEnd};
     * writes target/bench/ENDTOEND.md.
     */
    @Test
    @EnabledIfSystemProperty(named = "storesync.bench.endtoend-only", matches = "true")
    void measuresEndToEnd() throws Exception {
        BenchResults results = new BenchResults("end to end only", "bench/run -Dstoresync.bench.endtoend-only=true");
        try (FaultRig rig = FaultRig.start(dir.resolve("sync"), false)) {
            ServiceProcess service = startService(rig);
            rig.awaitConverged(service);
            results.endToEnd(EndToEndBench.run(rig, service, 20));
            service.terminate();
        }
        results.write(Path.of("target", "bench", "ENDTOEND.md"));
    }

    /**
     * Start-up alone: {@code bench/run -Dstoresync.bench.startup-only=true -Dit.test=BenchmarkIT#measuresStartup};
     * writes target/bench/STARTUP.md.
     */
    @Test
    @EnabledIfSystemProperty(named = "storesync.bench.startup-only", matches = "true")
    void measuresStartup() throws Exception {
        BenchResults results = new BenchResults("start-up only", "bench/run -Dstoresync.bench.startup-only=true");
        try (FaultRig rig = FaultRig.start(dir.resolve("startup"), false)) {
            results.startup(StartupBench.run(rig, dir.resolve("startup"), 5));
        }
        results.write(Path.of("target", "bench", "STARTUP.md"));
    }

    private static BacklogBench.Outcome backlog(Path dir, List<Integer> sizes, Duration each, Duration warmUp)
            throws Exception {
        try (FaultRig rig = FaultRig.start(dir, false)) {
            ServiceProcess service = startService(rig);
            BacklogBench.Outcome outcome =
                    BacklogBench.run(service, Path.of(rig.environment().get("DATA_DIR")), sizes, each, warmUp);
            assertThat(outcome.points())
                    .allSatisfy(point -> assertThat(point.intake().ok()).isPositive());
            assertThat(outcome.points().get(outcome.points().size() - 1).tasks())
                    .isGreaterThanOrEqualTo(sizes.get(sizes.size() - 1));
            return outcome;
        }
    }

    /** The jar as the Docker image runs it: the recommended JVM options and malloc arenas. */
    static ServiceProcess startService(FaultRig rig) {
        Map<String, String> env = rig.environment();
        env.put("MALLOC_ARENA_MAX", "2");
        return rig.startService(env, ServiceProcess.RECOMMENDED_JVM_OPTIONS);
    }
}
