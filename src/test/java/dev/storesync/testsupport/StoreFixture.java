package dev.storesync.testsupport;

import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.StoreClients;
import dev.storesync.config.Secret;
import dev.storesync.config.Settings;
import dev.storesync.config.StoreCredentials;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.sandbox.SimulatedStore;
import dev.storesync.sandbox.Simulator;
import dev.storesync.sandbox.StoreOptions;
import dev.storesync.sandbox.catalog.Catalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One simulated store and real clients for it: camel-http in a Camel context of its own, wired as the service wires
 * it. Every request the store answers is appended to {@code target/contract-logs/NAME.jsonl}, which
 * {@code ClientContractIT} hands to bc-contract-check once the unit tests have run.
 */
public final class StoreFixture implements AutoCloseable {
    public static final Path CONTRACT_LOGS = Path.of("target", "contract-logs");
    public static final String HASH = "fixture1";
    public static final String TOKEN = "fixture-token-0123456789";
    /** Quick retries, so that tests of failures do not wait for the production backoff. */
    public static final BigCommerceClient.Retries QUICK =
            new BigCommerceClient.Retries(3, Duration.ofMillis(20), Duration.ofMillis(100), 8);

    private static final Set<String> LOGS_STARTED = ConcurrentHashMap.newKeySet();

    /** Whether a contract log is used for the first time in this test run (and should start empty). */
    static boolean firstUse(Path log) {
        return LOGS_STARTED.add(log.toAbsolutePath().toString());
    }

    private final Simulator simulator;
    private final SimulatedStore store;
    private final DefaultCamelContext camel;
    private final ProducerTemplate template;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private StoreFixture(Simulator simulator, SimulatedStore store, DefaultCamelContext camel) {
        this.simulator = simulator;
        this.store = store;
        this.camel = camel;
        this.template = camel.createProducerTemplate();
    }

    /** @param logName the contract log this fixture appends to, e.g. the test class's simple name */
    public static StoreFixture start(String logName, UnaryOperator<StoreOptions> options) {
        Path log = CONTRACT_LOGS.resolve(logName + ".jsonl");
        try {
            Files.createDirectories(CONTRACT_LOGS);
            if (firstUse(log)) {
                Files.deleteIfExists(log); // a fresh log per test run, shared by the fixtures of one test class
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Simulator simulator = Simulator.start("127.0.0.1", 0);
        SimulatedStore store =
                simulator.addStore(options.apply(StoreOptions.of(HASH, TOKEN).withRequestLog(log)));
        DefaultCamelContext camel = new DefaultCamelContext();
        HttpComponent http = new HttpComponent();
        http.setAutomaticRetriesDisabled(true);
        camel.addComponent("http", http);
        camel.start();
        return new StoreFixture(simulator, store, camel);
    }

    public static StoreFixture start(String logName) {
        return start(logName, UnaryOperator.identity());
    }

    /** The store by its named operations, as the service talks to it. */
    public BigCommerceStore api() {
        return new BigCommerceStore(client());
    }

    public BigCommerceClient client() {
        return client(Duration.ofSeconds(10), QUICK);
    }

    public BigCommerceClient client(Duration timeout, BigCommerceClient.Retries retries) {
        return clientAt(URI.create(simulator.baseUrl()), new Settings.Api(timeout, 0.05), retries);
    }

    /** A client that leaves {@code reserveShare} of the quota to the store's other apps. */
    public BigCommerceClient clientLeaving(double reserveShare) {
        return clientAt(URI.create(simulator.baseUrl()), new Settings.Api(Duration.ofSeconds(10), reserveShare), QUICK);
    }

    /** A client of this store's hash and token, at another address (a closed port, say). */
    public BigCommerceClient clientAt(URI apiUrl, Settings.Api api, BigCommerceClient.Retries retries) {
        StoreCredentials credentials = new StoreCredentials(HASH, Secret.of(TOKEN), Optional.empty(), apiUrl);
        return StoreClients.client("A", credentials, api, () -> template, meters, retries);
    }

    public String baseUrl() {
        return simulator.baseUrl();
    }

    public SimulatedStore store() {
        return store;
    }

    public Catalog catalog() {
        return store.catalog();
    }

    public RequestLog requests() {
        return store.requests();
    }

    public MeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        try {
            camel.stop();
        } finally {
            simulator.close();
        }
    }
}
