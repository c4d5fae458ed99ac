package dev.storesync.bench;

import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Start-up to ready on an empty data directory, as the README runs the jar (its options from {@code jvm.options} and the
 * class data archive the build records, which the JVM maps instead of loading and verifying each class), and the same
 * without the archive.
 */
final class StartupBench {
    record Outcome(List<Duration> withoutArchive, List<Duration> asDocumented) {}

    private StartupBench() {}

    static Outcome run(FaultRig rig, Path dir, int starts) throws Exception {
        if (!Files.isRegularFile(ServiceProcess.ARCHIVE)) {
            throw new IllegalStateException(ServiceProcess.ARCHIVE + " is missing: the build (mvn package) records it");
        }
        List<String> withoutArchive = List.of(ServiceProcess.OPTIONS_FILE_ARGUMENT);
        List<Duration> plain = new ArrayList<>();
        List<Duration> documented = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            plain.add(start(rig, dir.resolve("plain-" + i), withoutArchive));
            documented.add(start(rig, dir.resolve("documented-" + i), ServiceProcess.RECOMMENDED_JVM_OPTIONS));
        }
        return new Outcome(plain, documented);
    }

    private static Duration start(FaultRig rig, Path dataDir, List<String> options) throws Exception {
        Map<String, String> env = rig.environment();
        env.put("DATA_DIR", Files.createDirectories(dataDir).toString());
        env.put("MALLOC_ARENA_MAX", "2");
        ServiceProcess service = rig.startService(env, options);
        Duration toReady = service.startupTime();
        service.terminate();
        return toReady;
    }
}
