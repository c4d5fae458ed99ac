package dev.storesync.sandbox;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar storesync.jar simulator [--port P] [--host H] [--store-hash H] [--token T] [--seed-products N]
 * [--seed S] [--quota Q] [--window-ms W] [--latency-ms L] [--request-log FILE]}: one simulated store, served until the
 * process is stopped.
 */
public final class SimulatorCommand {
    private static final Set<String> OPTIONS = Set.of(
            "--port",
            "--host",
            "--store-hash",
            "--token",
            "--seed-products",
            "--seed",
            "--quota",
            "--window-ms",
            "--latency-ms",
            "--request-log");

    private SimulatorCommand() {}

    /** Parsed options, with defaults. */
    record Options(
            int port,
            String host,
            String hash,
            String token,
            int seedProducts,
            long seed,
            int quota,
            long windowMs,
            long latencyMs,
            Path requestLog) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown or incomplete option '" + args[i] + "'");
                }
                values.put(args[i], args[++i]);
            }
            return new Options(
                    number(values, "--port", 8088),
                    values.getOrDefault("--host", "127.0.0.1"),
                    values.getOrDefault("--store-hash", "simstore"),
                    values.getOrDefault("--token", "simulator-token"),
                    number(values, "--seed-products", 0),
                    number(values, "--seed", 42),
                    number(values, "--quota", 1_000_000),
                    number(values, "--window-ms", 30_000),
                    number(values, "--latency-ms", 0),
                    values.containsKey("--request-log") ? Path.of(values.get("--request-log")) : null);
        }

        private static int number(Map<String, String> values, String name, int fallback) {
            return (int) number(values, name, (long) fallback);
        }

        private static long number(Map<String, String> values, String name, long fallback) {
            try {
                return values.containsKey(name) ? Long.parseLong(values.get(name)) : fallback;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a whole number (got '" + values.get(name) + "')");
            }
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("storesync simulator: " + e.getMessage());
            err.println(
                    "usage: simulator [--port P] [--host H] [--store-hash H] [--token T] [--seed-products N] [--seed S]"
                            + " [--quota Q] [--window-ms W] [--latency-ms L] [--request-log FILE]");
            return 2;
        }
        Simulator simulator = Simulator.start(options.host(), options.port());
        StoreOptions store = StoreOptions.of(options.hash(), options.token())
                .withQuota(options.quota(), Duration.ofMillis(options.windowMs()))
                .withLatency(Duration.ofMillis(options.latencyMs()));
        if (options.requestLog() != null) {
            store = store.withRequestLog(options.requestLog());
        }
        SimulatedStore simulated = simulator.addStore(store);
        CatalogSeeder.Seeded seeded = CatalogSeeder.seed(simulated.catalog(), options.seedProducts(), options.seed());
        out.println("simulated BigCommerce store '" + options.hash() + "' (X-Auth-Token as given by --token)");
        out.println("API base URL: " + simulator.baseUrl() + "   (STORE_A_API_URL / STORE_B_API_URL take this)");
        out.println(
                "seeded " + seeded.products().size() + " products; Store B's channel has id " + seeded.storeBChannel());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
