package dev.storesync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.storesync.config.DeletePolicy;
import dev.storesync.persistence.EmbeddedMongoServer;
import dev.storesync.sandbox.SimulatedStore;
import dev.storesync.sandbox.Simulator;
import dev.storesync.sandbox.StoreComparison;
import dev.storesync.sandbox.StoreOptions;
import dev.storesync.sandbox.WebhookSender;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.catalog.ListQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * The stage for process-level fault scenarios (and the benchmarks): Store A and Store B simulated in this JVM, the
 * packaged jar as one or more subprocesses syncing between them with their hooks registered at Store A, and the checks
 * every scenario ends with: Store B equals Store A, no duplicate products, every acknowledged webhook stored, no secret
 * in any log line.
 *
 * <p>{@code -Dstoresync.faults.long=true} (the {@code faults-long} Maven profile) runs the long version of each
 * scenario; the default is the short one {@code mvn -B verify} runs.
 */
public final class FaultRig implements AutoCloseable {
    public static final boolean LONG = Boolean.getBoolean("storesync.faults.long");
    public static final String ADMIN_USER = "operator";
    public static final String ADMIN_PASSWORD = "admin-password-NEVER-LOGGED-42";
    private static final String TOKEN_A = "token-a-0123456789";
    private static final String TOKEN_B = "token-b-0123456789";
    private static final ListQuery ALL = new ListQuery(Map.of("limit", "250"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofMinutes(LONG ? 10 : 3);

    private final Path workDir;
    private final Path dataDir;
    private final Simulator simulator;
    private final SimulatedStore storeA;
    private final SimulatedStore storeB;
    private final long channel;
    private final ExternalMongo mongo;
    private final List<ServiceProcess> processes = new ArrayList<>();

    private FaultRig(Path workDir, boolean externalMongo) throws IOException {
        this.workDir = workDir;
        this.dataDir = Files.createDirectories(workDir.resolve("data"));
        this.simulator = Simulator.start("127.0.0.1", 0);
        this.storeA = simulator.addStore(StoreOptions.of("storea", TOKEN_A));
        this.storeB = simulator.addStore(StoreOptions.of("storeb", TOKEN_B));
        // BigCommerce retries a failed delivery for hours; a compressed schedule that still outlasts a restart
        storeA.webhooks()
                .retryDelays(List.of(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(30)));
        this.channel = CatalogBuilder.channel(storeA.catalog(), "Store B");
        this.mongo = externalMongo ? ExternalMongo.start(workDir) : null;
    }

    /** Simulators and (with {@code externalMongo}) a MongoDB the test can stop; no service yet. */
    public static FaultRig start(Path workDir, boolean externalMongo) throws IOException {
        return new FaultRig(workDir, externalMongo);
    }

    public SimulatedStore storeA() {
        return storeA;
    }

    public SimulatedStore storeB() {
        return storeB;
    }

    public Catalog a() {
        return storeA.catalog();
    }

    public Catalog b() {
        return storeB.catalog();
    }

    public ExternalMongo mongo() {
        return mongo;
    }

    /** A service's settings on a port of its own, which its APP_URL (and so its hooks at Store A) names. */
    public Map<String, String> environment() {
        String port = Integer.toString(Ports.free());
        Map<String, String> env = ServiceProcess.baseEnvironment(dataDir);
        env.put("PORT", port);
        env.put("MANAGEMENT_PORT", Integer.toString(Ports.free()));
        env.put("APP_URL", "http://127.0.0.1:" + port);
        env.put("REGISTER_HOOKS", "true");
        env.put("STORE_A_API_URL", simulator.baseUrl());
        env.put("STORE_B_API_URL", simulator.baseUrl());
        env.put("STORE_B_CHANNEL_ON_STORE_A", Long.toString(channel));
        env.put("SYNC_RETRY_BASE_MS", "200");
        env.put("SYNC_RETRY_MAX_MS", "3000");
        env.put("ADMIN_USER", ADMIN_USER);
        env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        if (mongo != null) {
            env.put("MONGODB_URI", mongo.uri());
        }
        return env;
    }

    /** Starts the jar with these settings and waits until it is ready and its hooks are registered. */
    public ServiceProcess startService(Map<String, String> env) {
        return startService(env, List.of());
    }

    public ServiceProcess startService(Map<String, String> env, List<String> jvmOptions) {
        ServiceProcess process = ServiceProcess.start(workDir, env, jvmOptions, List.of(), List.of());
        processes.add(process);
        process.awaitHealthy();
        String destination = env.get("APP_URL") + "/webhooks";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> a().hooks.list(ALL).items().stream()
                                .filter(h -> h.path("destination").asText().equals(destination))
                                .filter(h -> h.path("is_active").asBoolean())
                                .count()
                        == 14);
        return process;
    }

    /** {@code count} products in Store A, created while no service listens (so the first sync is a reconcile's). */
    public List<Long> seed(String prefix, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(CatalogBuilder.create(a(), CatalogBuilder.product(prefix + " " + i, prefix + "-" + i, 10 + i)));
        }
        return ids;
    }

    /** A price change in Store A: one {@code store/product/updated} webhook per hook. */
    public void edit(long productId, double price) {
        a().products.update(productId, JsonNodeFactory.instance.objectNode().put("price", price));
    }

    /**
     * Edits every product once a second (a busy merchant, not a loop) for {@code duration}, then returns.
     *
     * @return the rounds made
     */
    public int editFor(List<Long> ids, Duration duration) throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch over = new CountDownLatch(1);
        ScheduledExecutorService merchant = Executors.newSingleThreadScheduledExecutor();
        try {
            merchant.scheduleAtFixedRate(
                    () -> {
                        int round = rounds.incrementAndGet();
                        ids.forEach(id -> edit(id, 1000 + round));
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);
            merchant.schedule(over::countDown, duration.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(over.await(duration.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
        } finally {
            merchant.shutdownNow();
            assertThat(merchant.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        return rounds.get();
    }

    /** How Store B differs from Store A, field by field. */
    public List<String> differences() {
        return new StoreComparison(a(), b(), OptionalLong.of(channel), DeletePolicy.DISABLE, true).differences();
    }

    /**
     * Waits until every webhook is delivered (or given up), no task waits and Store B equals Store A.
     *
     * @return how long that took
     */
    public Duration awaitConverged(ServiceProcess process) {
        Instant start = Instant.now();
        try {
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        assertThat(storeA.webhooks().pending())
                                .as("webhooks in flight")
                                .isZero();
                        Map<String, Long> tasks = tasks(process);
                        assertThat(openTasks(tasks))
                                .as("tasks waiting or running: %s", tasks)
                                .isZero();
                        assertThat(differences()).isEmpty();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println("not converged; the service's log ends:\n" + tail(process.output(), 80));
            printWhatIsStuck(process);
            throw e;
        }
        return Duration.between(start, Instant.now());
    }

    /** The tasks still running and where every thread of the service stands: what a failed run leaves to go on. */
    private static void printWhatIsStuck(ServiceProcess process) {
        try {
            System.out.println("tasks in progress: "
                    + process.get(process.port(), "/admin/api/tasks?status=in_progress&limit=20")
                            .body());
            int before = process.output().length();
            process.printThreadDump();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> process.output().indexOf("JNI global refs", before) >= 0);
            System.out.println("thread dump:\n" + process.output().substring(before));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.out.println("could not tell what is stuck: " + e);
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The service's task counts by status, from its admin API. */
    public static Map<String, Long> tasks(ServiceProcess process) throws Exception {
        JsonNode tasks = JSON.readTree(
                        process.get(process.port(), "/admin/api/status").body())
                .path("tasks");
        Map<String, Long> counts = new HashMap<>();
        tasks.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static long openTasks(Map<String, Long> tasks) {
        return tasks.entrySet().stream()
                .filter(e -> !e.getKey().equals("done") && !e.getKey().equals("dead"))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** A series of one process's Prometheus scrape, 0 when absent. */
    public static double metric(ServiceProcess process, String series) throws Exception {
        Double value = RunningService.value(
                process.get(process.managementPort(), "/observe/metrics").body(), series);
        return value == null ? 0 : value;
    }

    /** The intake's identity of a webhook: scope, hash and created_at. */
    public static String eventKey(JsonNode payload) {
        return payload.path("scope").asText() + "|" + payload.path("hash").asText() + "|"
                + payload.path("created_at").asLong();
    }

    /** The events the service stored; with the embedded database, only once every service has stopped. */
    public Set<String> storedEvents() {
        if (mongo != null) {
            try (MongoClient client = MongoClients.create(mongo.uri())) {
                return storedEvents(client);
            }
        }
        assertThat(processes)
                .as("the embedded database is read once the services stop")
                .noneMatch(ServiceProcess::alive);
        try (EmbeddedMongoServer embedded = EmbeddedMongoServer.start(dataDir);
                MongoClient client = MongoClients.create(embedded.clientSettings())) {
            return storedEvents(client);
        }
    }

    private static Set<String> storedEvents(MongoClient client) {
        Set<String> keys = new HashSet<>();
        for (Document event :
                client.getDatabase("storesync").getCollection("webhook_events").find()) {
            keys.add(event.getString("scope") + "|" + event.getString("hash") + "|"
                    + ((Number) event.get("createdAt")).longValue());
        }
        return keys;
    }

    /**
     * The scenario's figures: webhooks Store A sent (first attempts) and the service acknowledged (a delivery answered
     * 2xx, after however many attempts), products in Store B, duplicates (extra products with one SKU) and lost events
     * (acknowledged but not stored; events with one scope, hash and second are one event to the intake).
     */
    public FaultReport.Figures account(String scenario, Duration converged) {
        List<WebhookSender.Delivery> deliveries = storeA.webhooks().deliveries();
        Set<String> lost = deliveries.stream()
                .filter(WebhookSender.Delivery::succeeded)
                .map(delivery -> eventKey(delivery.payload()))
                .collect(Collectors.toCollection(HashSet::new));
        lost.removeAll(storedEvents());
        return new FaultReport.Figures(
                scenario,
                deliveries.stream().filter(d -> d.attempt() == 1).count(),
                deliveries.stream().filter(WebhookSender.Delivery::succeeded).count(),
                products(b()).size(),
                duplicates(),
                lost.size(),
                converged);
    }

    /** Every product of a store, page by page. */
    public static List<ObjectNode> products(Catalog catalog) {
        List<ObjectNode> products = new ArrayList<>();
        long after = 0;
        while (true) {
            List<ObjectNode> page = catalog.products
                    .list(new ListQuery(Map.of("limit", "250", "id:greater", Long.toString(after))))
                    .items();
            if (page.isEmpty()) {
                return products;
            }
            products.addAll(page);
            after = page.get(page.size() - 1).path("id").asLong();
        }
    }

    /** Extra products in Store B that share a SKU with another. */
    public long duplicates() {
        return products(b()).stream()
                .collect(Collectors.groupingBy(p -> p.path("sku").asText(), Collectors.counting()))
                .values()
                .stream()
                .mapToLong(n -> n - 1)
                .sum();
    }

    /** The end of every scenario: nothing lost, nothing doubled, nothing dead-lettered. */
    public static void assertSound(FaultReport.Figures figures) {
        FaultReport.record(figures);
        assertThat(figures.lost()).as("acknowledged webhooks not stored").isZero();
        assertThat(figures.duplicates()).as("duplicate products in Store B").isZero();
    }

    @Override
    public void close() throws Exception {
        try {
            for (ServiceProcess process : processes) {
                if (process.alive()) {
                    process.terminate();
                }
            }
            for (ServiceProcess process : processes) {
                String log = process.output();
                for (String secret : List.of(
                        TOKEN_A, TOKEN_B, RunningService.SECRET, ADMIN_PASSWORD, "wrong-secret-SHOULD-NOT-LEAK")) {
                    assertThat(log).as("a secret in the service's log").doesNotContain(secret);
                }
            }
        } finally {
            simulator.close();
            if (mongo != null) {
                mongo.close();
            }
        }
    }
}
