package dev.storesync.sandbox;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.config.DeletePolicy;
import dev.storesync.queue.DispatcherWakeUp;
import dev.storesync.queue.ResourceKey;
import dev.storesync.queue.TaskQueue;
import dev.storesync.queue.TaskStatus;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.catalog.ListQuery;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar storesync.jar --demo [--products N] [--stay]}: the service on an embedded database between two
 * simulated stores. Store A gets a seeded catalog, storesync registers its hooks and copies the catalog over, then a
 * merchant's edits in Store A (a price, a new variant, an image, a category move, a delete) reach Store B through
 * webhooks. It ends with Store A and Store B side by side and exits 0 when Store B matches.
 */
public final class DemoMode {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String DESTINATION = "demob";

    private final PrintStream out;
    private final Function<Map<String, String>, Main> service;

    private DemoMode(PrintStream out, Function<Map<String, String>, Main> service) {
        this.out = out;
        this.service = service;
    }

    /** @param service starts storesync with the given settings, as the jar does */
    public static int run(
            String[] args, Function<Map<String, String>, Main> service, PrintStream out, PrintStream err) {
        int products = 50;
        boolean stay = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stay" -> stay = true;
                case "--products" -> {
                    try {
                        products = Integer.parseInt(args[++i]);
                    } catch (RuntimeException e) {
                        err.println("storesync: --products takes a whole number");
                        return 2;
                    }
                }
                default -> {
                    err.println("storesync: unknown demo option '" + args[i] + "' (known: --products N, --stay)");
                    return 2;
                }
            }
        }
        quietLogs();
        try {
            return new DemoMode(out, service).demo(products, stay);
        } catch (Exception e) {
            err.println("storesync: the demo failed: " + e);
            return 1;
        }
    }

    private int demo(int productCount, boolean stay) throws Exception {
        Path dataDir = Files.createTempDirectory("storesync-demo");
        try (Simulator simulator = Simulator.start("127.0.0.1", 0)) {
            SimulatedStore storeA = simulator.addStore(StoreOptions.of("demoa", "demo-token-a-0123456789"));
            SimulatedStore storeB = simulator.addStore(StoreOptions.of(DESTINATION, "demo-token-b-0123456789"));
            CatalogSeeder.Seeded seeded = CatalogSeeder.seed(storeA.catalog(), productCount, 7);
            step("Store A seeded: " + seeded.products().size() + " products, "
                    + seeded.categories().size() + " categories, "
                    + seeded.brands().size() + " brands; Store B is empty");

            int port = freePort();
            Main main = service.apply(settings(simulator, seeded, dataDir, port));
            main.start();
            try {
                TaskQueue queue =
                        main.getCamelContext().getRegistry().lookupByNameAndType("taskQueue", TaskQueue.class);
                awaitHooks(storeA);
                step("storesync is up on http://127.0.0.1:" + port + "; Store A's webhooks point at it");

                backfill(queue, storeA.catalog(), seeded);
                // wake the dispatcher rather than wait for its schedule
                main.getCamelContext()
                        .getRegistry()
                        .findSingleByType(DispatcherWakeUp.class)
                        .wake();
                awaitQuiet(queue, storeA, "copying the catalog");

                edits(storeA.catalog(), seeded);
                awaitQuiet(queue, storeA, "syncing the edits");

                StoreComparison comparison = new StoreComparison(
                        storeA.catalog(),
                        storeB.catalog(),
                        OptionalLong.of(seeded.storeBChannel()),
                        DeletePolicy.DISABLE,
                        true);
                int exit = summary(comparison, queue);
                if (stay) {
                    step("--stay: Store A " + simulator.baseUrl() + "/stores/demoa/v3 (token demo-token-a-0123456789),"
                            + " Store B " + simulator.baseUrl() + "/stores/demob/v3; Ctrl-C to stop");
                    CountDownLatch stopped = new CountDownLatch(1);
                    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                    stopped.await();
                }
                return exit;
            } finally {
                main.stop();
            }
        } finally {
            deleteTree(dataDir);
        }
    }

    private Map<String, String> settings(Simulator simulator, CatalogSeeder.Seeded seeded, Path dataDir, int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("storesync.port", Integer.toString(port));
        settings.put("storesync.management-port", Integer.toString(freePort()));
        settings.put("storesync.app-url", "http://127.0.0.1:" + port);
        settings.put("storesync.register-hooks", "true");
        settings.put("storesync.data-dir", dataDir.toString());
        settings.put("storesync.store-a.hash", "demoa");
        settings.put("storesync.store-a.access-token", "demo-token-a-0123456789");
        settings.put("storesync.store-a.api-url", simulator.baseUrl());
        settings.put("storesync.store-b.hash", DESTINATION);
        settings.put("storesync.store-b.access-token", "demo-token-b-0123456789");
        settings.put("storesync.store-b.api-url", simulator.baseUrl());
        settings.put("storesync.store-b.channel-on-store-a", Long.toString(seeded.storeBChannel()));
        settings.put("storesync.delete-policy", "disable");
        settings.put("storesync.sync.period-secs", "2");
        settings.put("camel.server.host", "127.0.0.1");
        settings.put("camel.management.host", "127.0.0.1");
        return settings;
    }

    /** What a first-time backfill does: every category and product of Store A becomes due. */
    private void backfill(TaskQueue queue, Catalog a, CatalogSeeder.Seeded seeded) {
        for (long category : seeded.categories().values()) {
            queue.enqueue(new ResourceKey(DESTINATION, "category", category), "demo backfill");
        }
        for (long product : seeded.products()) {
            queue.enqueue(new ResourceKey(DESTINATION, "product", product), "demo backfill");
        }
        step("queued " + seeded.categories().size() + " categories and "
                + seeded.products().size() + " products for their first sync");
    }

    /** A merchant's afternoon in Store A; each edit fires the webhooks BigCommerce fires for it. */
    private void edits(Catalog a, CatalogSeeder.Seeded seeded) {
        long priced = seeded.products().get(0);
        double price = a.products.get(priced, ListQuery.empty()).path("price").asDouble() + 5;
        a.products.update(priced, JSON.objectNode().put("price", price));
        edit("price of product " + priced + " raised to " + price);

        long withOptions = seeded.products().get(2);
        JsonNode product = a.products.get(withOptions, new ListQuery(Map.of("include", "variants")));
        JsonNode colour = product.path("variants").get(0).path("option_values").get(1);
        ObjectNode variant = JSON.objectNode().put("sku", product.path("sku").asText() + "-XL");
        variant.putArray("option_values")
                .add(JSON.objectNode().put("option_display_name", "Size").put("label", "XL"))
                .add(JSON.objectNode()
                        .put(
                                "option_display_name",
                                colour.path("option_display_name").asText())
                        .put("label", colour.path("label").asText()));
        a.variants.createInDashboard(withOptions, variant);
        edit("new variant " + variant.path("sku").asText() + " on product " + withOptions);

        long pictured = seeded.products().get(3);
        a.images.create(
                pictured,
                JSON.objectNode()
                        .put("image_url", "https://images.example.com/demo/new-look.jpg")
                        .put("is_thumbnail", true)
                        .put("sort_order", 0)
                        .put("description", "New look"));
        edit("new thumbnail image on product " + pictured);

        long sale = seeded.categories().get("Men/Sale");
        long home = seeded.categories().get("Home");
        a.categories.updateBatch(
                JSON.arrayNode().add(JSON.objectNode().put("category_id", sale).put("parent_id", home)));
        edit("category Men/Sale moved under Home");

        long deleted = seeded.products().get(4);
        a.products.delete(deleted);
        edit("product " + deleted + " deleted (DELETE_POLICY=disable keeps it in Store B, unavailable)");
    }

    private int summary(StoreComparison comparison, TaskQueue queue) {
        out.println();
        out.printf("  %-16s %9s %9s%n", "", "Store A", "Store B");
        comparison.counts().forEach((what, counts) -> out.printf("  %-16s %9d %9d%n", what, counts[0], counts[1]));
        Map<TaskStatus, Long> tasks = queue.countByStatus();
        out.printf(
                "  tasks: %d done, %d dead letters%n",
                tasks.getOrDefault(TaskStatus.DONE, 0L), tasks.getOrDefault(TaskStatus.DEAD, 0L));
        out.println();
        List<String> differences = comparison.differences();
        if (differences.isEmpty()) {
            out.println("Store B matches Store A (the deleted product stays in Store B, disabled).");
            return 0;
        }
        out.println("Store B differs from Store A in " + differences.size() + " ways:");
        differences.stream().limit(20).forEach(d -> out.println("  " + d));
        return 1;
    }

    private void awaitHooks(SimulatedStore storeA) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (storeA.catalog().hooks.subscribers("store/product/updated").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("storesync did not register Store A's hooks");
            }
            Thread.sleep(100);
        }
    }

    private void awaitQuiet(TaskQueue queue, SimulatedStore storeA, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        long lastReport = 0;
        while (true) {
            Map<TaskStatus, Long> tasks = queue.countByStatus();
            long waiting = tasks.getOrDefault(TaskStatus.PENDING, 0L) + tasks.getOrDefault(TaskStatus.RETRY, 0L);
            long running = tasks.getOrDefault(TaskStatus.IN_PROGRESS, 0L);
            boolean quiet = waiting == 0 && running == 0 && storeA.webhooks().pending() == 0;
            if (quiet || System.nanoTime() - lastReport > 1_000_000_000L) {
                out.printf(
                        "  %s: %d webhooks delivered, %d tasks done, %d waiting, %d running%n",
                        what,
                        storeA.webhooks().deliveries().size(),
                        tasks.getOrDefault(TaskStatus.DONE, 0L),
                        waiting,
                        running);
                lastReport = System.nanoTime();
            }
            if (quiet) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not finish in " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private void step(String message) {
        out.println("* " + message);
    }

    private void edit(String message) {
        out.println("  edit in Store A: " + message);
    }

    /** The demo narrates on the console; the service's own INFO lines would drown it. */
    private static void quietLogs() {
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "dev.storesync", "org.apache.camel")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(Level.WARN);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
