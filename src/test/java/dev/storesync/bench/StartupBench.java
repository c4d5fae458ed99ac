package dev.storesync.bench;

import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up to ready on an empty data directory, as the README runs the jar and as the Docker image runs it: with the
 * class data archive its build records (a {@code --demo} run with {@code -XX:ArchiveClassesAtExit}), which the JVM
 * then maps instead of loading and verifying each class.
 */
final class StartupBench {
    /** The archive the Docker image builds, here under the bench's own directory. */
    static final String ARCHIVE_OPTION = "-XX:SharedArchiveFile=";

    record Outcome(List<Duration> plain, List<Duration> withArchive) {}

    private StartupBench() {}

    static Outcome run(FaultRig rig, Path dir, int starts) throws Exception {
        Path archive = recordArchive(dir);
        List<Duration> plain = new ArrayList<>();
        List<Duration> withArchive = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            plain.add(start(rig, dir.resolve("plain-" + i), List.of()));
            withArchive.add(start(rig, dir.resolve("archive-" + i), List.of(ARCHIVE_OPTION + archive)));
        }
        return new Outcome(plain, withArchive);
    }

    /** The Dockerfile's training run: the demo, start to end, recording the classes it loads. */
    static Path recordArchive(Path dir) throws IOException, InterruptedException {
        Path archive = Files.createDirectories(dir).resolve("storesync.jsa");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath());
        command.addAll(ServiceProcess.RECOMMENDED_JVM_OPTIONS);
        command.addAll(List.of("-jar", ServiceProcess.JAR.toAbsolutePath().toString(), "--demo"));
        Process demo = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("demo.log").toFile())
                .start();
        if (!demo.waitFor(180, TimeUnit.SECONDS) || demo.exitValue() != 0 || !Files.isRegularFile(archive)) {
            demo.destroyForcibly();
            throw new IllegalStateException(
                    "the demo did not record a class data archive; see " + dir.resolve("demo.log"));
        }
        return archive;
    }

    private static Duration start(FaultRig rig, Path dataDir, List<String> extraOptions) throws Exception {
        Map<String, String> env = rig.environment();
        env.put("DATA_DIR", Files.createDirectories(dataDir).toString());
        env.put("MALLOC_ARENA_MAX", "2");
        List<String> options = new ArrayList<>(ServiceProcess.RECOMMENDED_JVM_OPTIONS);
        options.addAll(extraOptions);
        ServiceProcess service = rig.startService(env, options);
        Duration toReady = service.startupTime();
        service.terminate();
        return toReady;
    }
}
