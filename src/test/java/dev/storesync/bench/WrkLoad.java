package dev.storesync.bench;

import dev.storesync.testsupport.RunningService;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook senders of the measurements: wrk (Debian's package), a process of its own, with a script
 * ({@code bench/webhooks.lua}) that posts each body of a file this class writes exactly once. wrk keeps the latency of
 * every answer; the script prints its percentiles at each tenth of a percent, which become the {@link Distribution}.
 */
final class WrkLoad implements WebhookLoad {
    /**
     * Bodies written per second of a run: more than the service answers on two cores. A run that used them all would
     * send duplicates, so it fails instead ({@link #run}).
     */
    static final int BODIES_PER_SECOND = 10_000;

    private static final Pattern COUNTS = Pattern.compile(
            "storesync-wrk requests=(\\d+) duration_us=(\\d+) status_errors=(\\d+) other_errors=(\\d+) exhausted=(\\d+)");
    private static final String LATENCY = "storesync-wrk-latency ";
    private static final String CLIENT = "wrk, a process of its own";
    /** The script, where the build put it ({@code target/test-classes}). */
    private static final Path SCRIPT = script();

    private final int port;
    private final boolean newProducts;

    WrkLoad(int port, boolean newProducts) {
        this.port = port;
        this.newProducts = newProducts;
    }

    private static Path script() {
        try {
            return Path.of(WrkLoad.class.getResource("/bench/webhooks.lua").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean installed() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk")));
    }

    @Override
    public Result run(int senders, Duration duration) throws Exception {
        long seconds = Math.max(1, duration.toSeconds());
        Path bodies = Files.createTempFile("storesync-wrk", ".jsonl");
        try {
            try (var out = Files.newBufferedWriter(bodies)) {
                for (long i = 0; i < BODIES_PER_SECOND * seconds; i++) {
                    out.write(WebhookLoad.nextBody(newProducts));
                    out.write('\n');
                }
            }
            int threads = Math.min(2, senders);
            List<String> command = List.of(
                    "wrk",
                    "-t" + threads,
                    "-c" + senders,
                    "-d" + seconds + "s",
                    "--timeout",
                    "30s",
                    "-s",
                    SCRIPT.toString(),
                    "http://127.0.0.1:" + port + "/webhooks",
                    "--",
                    bodies.toString(),
                    Integer.toString(threads),
                    RunningService.SECRET);
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(seconds + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            return parse(senders, output);
        } finally {
            Files.delete(bodies);
        }
    }

    static Result parse(int senders, String output) {
        Matcher counts = COUNTS.matcher(output);
        int latencyAt = output.indexOf(LATENCY);
        if (!counts.find() || latencyAt < 0) {
            throw new IllegalStateException("wrk printed no result: " + output);
        }
        long requests = Long.parseLong(counts.group(1));
        long statusErrors = Long.parseLong(counts.group(3));
        long exhausted = Long.parseLong(counts.group(5));
        if (exhausted > 0) {
            throw new IllegalStateException(
                    "wrk sent " + exhausted + " webhooks more than it had bodies for: raise BODIES_PER_SECOND");
        }
        String line = output.substring(latencyAt + LATENCY.length())
                .lines()
                .findFirst()
                .orElseThrow();
        long[] points =
                Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray();
        return new Result(
                CLIENT,
                senders,
                requests - statusErrors,
                statusErrors + Long.parseLong(counts.group(4)),
                Duration.ofNanos(Long.parseLong(counts.group(2)) * 1000),
                Distribution.of(points));
    }
}
