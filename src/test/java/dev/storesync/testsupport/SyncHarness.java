package dev.storesync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.config.DeletePolicy;
import dev.storesync.queue.DispatcherWakeUp;
import dev.storesync.queue.ResourceKey;
import dev.storesync.queue.TaskStatus;
import dev.storesync.sandbox.SimulatedStore;
import dev.storesync.sandbox.Simulator;
import dev.storesync.sandbox.StoreComparison;
import dev.storesync.sandbox.StoreOptions;
import dev.storesync.sandbox.catalog.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The whole data path for end-to-end tests: two simulated stores, the service in-process with its hooks registered in
 * Store A, and the comparison that says how Store B differs from Store A. Tests edit Store A's catalog as a merchant
 * would (its edits fire webhooks), then wait until Store B matches.
 */
public final class SyncHarness implements AutoCloseable {
    public static final String TOKEN_A = "token-a-0123456789";
    public static final String TOKEN_B = "token-b-0123456789";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Simulator simulator;
    private final SimulatedStore storeA;
    private final SimulatedStore storeB;
    private final RunningService.Builder serviceBuilder;
    private RunningService service;
    private final OptionalLong channel;
    private final DeletePolicy deletePolicy;

    private SyncHarness(
            Simulator simulator,
            SimulatedStore storeA,
            SimulatedStore storeB,
            RunningService.Builder serviceBuilder,
            OptionalLong channel,
            DeletePolicy deletePolicy) {
        this.simulator = simulator;
        this.storeA = storeA;
        this.storeB = storeB;
        this.serviceBuilder = serviceBuilder;
        this.service = serviceBuilder.start();
        this.channel = channel;
        this.deletePolicy = deletePolicy;
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public static final class Builder {
        private final Path dataDir;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private boolean channel = true;
        private DeletePolicy deletePolicy = DeletePolicy.DISABLE;
        private String contractLog;
        private StoreOptions storeBLimits = null;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** Whether Store A has a channel standing for Store B (STORE_B_CHANNEL_ON_STORE_A); on by default. */
        public Builder channel(boolean on) {
            this.channel = on;
            return this;
        }

        public Builder deletePolicy(DeletePolicy policy) {
            this.deletePolicy = policy;
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Appends both stores' request logs to the contract logs ({@code NAME-A.jsonl}, {@code NAME-B.jsonl}). */
        public Builder contractLog(String name) {
            this.contractLog = name;
            return this;
        }

        /** Store B answers 429 beyond {@code quota} requests per {@code window}, like a real store's rate limit. */
        public Builder storeBQuota(int quota, Duration window) {
            this.storeBLimits = StoreOptions.of("storeb", TOKEN_B).withQuota(quota, window);
            return this;
        }

        public SyncHarness start() {
            Simulator simulator = Simulator.start("127.0.0.1", 0);
            SimulatedStore storeA = simulator.addStore(options("storea", TOKEN_A, "A"));
            StoreOptions optionsB = options("storeb", TOKEN_B, "B");
            if (storeBLimits != null) {
                optionsB = optionsB.withQuota(storeBLimits.quota(), storeBLimits.window());
            }
            SimulatedStore storeB = simulator.addStore(optionsB);
            storeA.webhooks().retryDelays(List.of(Duration.ofMillis(50), Duration.ofMillis(200)));
            OptionalLong channelId = OptionalLong.empty();
            if (channel) {
                channelId = OptionalLong.of(CatalogBuilder.channel(storeA.catalog(), "Store B"));
            }
            int port = Ports.free();
            RunningService.Builder service = RunningService.builder()
                    .withSync()
                    .dataDir(dataDir)
                    .property("storesync.port", Integer.toString(port))
                    .property("storesync.app-url", "http://127.0.0.1:" + port)
                    .property("storesync.register-hooks", "true")
                    .property("storesync.store-a.api-url", simulator.baseUrl())
                    .property("storesync.store-b.api-url", simulator.baseUrl())
                    .property("storesync.delete-policy", deletePolicy.name().toLowerCase(Locale.ROOT))
                    .property("storesync.sync.retry-base-ms", "100")
                    .property("storesync.sync.retry-max-ms", "500");
            channelId.ifPresent(id -> service.property("storesync.store-b.channel-on-store-a", Long.toString(id)));
            properties.forEach(service::property);
            SyncHarness harness;
            try {
                harness = new SyncHarness(simulator, storeA, storeB, service, channelId, deletePolicy);
            } catch (RuntimeException e) {
                simulator.close();
                throw e;
            }
            int scopes = channel ? 14 : 12;
            await().atMost(PATIENCE)
                    .until(() -> storeA.catalog()
                                            .hooks
                                            .subscribers("store/product/updated")
                                            .size()
                                    == 1
                            && harness.registeredHooks() == scopes);
            return harness;
        }

        private StoreOptions options(String hash, String token, String store) {
            StoreOptions options = StoreOptions.of(hash, token);
            if (contractLog == null) {
                return options;
            }
            Path log = StoreFixture.CONTRACT_LOGS.resolve(contractLog + "-" + store + ".jsonl");
            try {
                Files.createDirectories(log.getParent());
                if (StoreFixture.firstUse(log)) {
                    Files.deleteIfExists(log);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return options.withRequestLog(log);
        }
    }

    public Catalog a() {
        return storeA.catalog();
    }

    public Catalog b() {
        return storeB.catalog();
    }

    public SimulatedStore storeA() {
        return storeA;
    }

    public SimulatedStore storeB() {
        return storeB;
    }

    public RunningService service() {
        return service;
    }

    public Simulator simulator() {
        return simulator;
    }

    public OptionalLong channel() {
        return channel;
    }

    /** How Store B differs from Store A, field by field. */
    public List<String> differences() {
        return new StoreComparison(a(), b(), channel, deletePolicy, true).differences();
    }

    /** Stops the service (as an orchestrator would) and starts it again on the same database and stores. */
    public void restartService() {
        service.close();
        service = serviceBuilder.start();
    }

    /** Waits until nothing is in flight and Store B matches Store A; fails with the differences left. */
    public void awaitInSync() {
        awaitInSync(PATIENCE);
    }

    public void awaitInSync(Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(quiet()).as("webhooks delivered and tasks finished").isTrue();
            assertThat(differences()).isEmpty();
        });
    }

    /** Waits until every webhook is delivered and no task is waiting or running. */
    public void awaitQuiet() {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(this::quiet);
    }

    public boolean quiet() {
        Map<TaskStatus, Long> tasks = service.queue().countByStatus();
        return storeA.webhooks().pending() == 0
                && tasks.getOrDefault(TaskStatus.PENDING, 0L) == 0
                && tasks.getOrDefault(TaskStatus.IN_PROGRESS, 0L) == 0
                && tasks.getOrDefault(TaskStatus.RETRY, 0L) == 0;
    }

    /** Makes a resource due as a reconcile would (for changes BigCommerce sends no webhook for). */
    public void enqueue(String resourceType, long storeAId, String hint) {
        service.queue().enqueue(new ResourceKey("storeb", resourceType, storeAId), hint);
        service.bean("dispatcherWakeUp", DispatcherWakeUp.class).wake();
    }

    /** Runs a reconcile through the admin API ({@code body} as POST /admin/api/reconcile takes it) to its end. */
    public JsonNode reconcile(String body) {
        HttpResponse<String> started =
                service.post("/admin/api/reconcile", body, Map.of("Content-Type", "application/json"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String runId = json(started.body()).path("runId").asText();
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !reconcileRun(runId).path("status").asText().equals("running"));
        return reconcileRun(runId);
    }

    private JsonNode reconcileRun(String runId) {
        return json(service.get(service.port(), "/admin/api/reconcile/" + runId).body());
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the requests both stores answered so far, to count the next ones. */
    public void clearRequestCounts() {
        storeA.requests().clear();
        storeB.requests().clear();
    }

    int registeredHooks() {
        return storeA.catalog()
                .hooks
                .list(new dev.storesync.sandbox.catalog.ListQuery(Map.of("limit", "250")))
                .items()
                .size();
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            simulator.close();
        }
    }
}
