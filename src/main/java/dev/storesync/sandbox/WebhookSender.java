package dev.storesync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.CatalogEvents;
import dev.storesync.sandbox.catalog.Hooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers the store's webhook events to its active hooks as BigCommerce does: a POST of
 * {@code {scope, store_id, data, hash, created_at, producer}} (hash = SHA-1 of the JSON of {@code data}) with the
 * hook's custom headers, retried with backoff while the receiver does not answer 2xx. Deliveries can be switched
 * off, repeated on purpose, and a hook that keeps failing can be deactivated, as BigCommerce does after 48 hours.
 */
public final class WebhookSender implements CatalogEvents, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An event the catalog fired, whether or not anyone was subscribed. */
    public record Fired(String scope, ObjectNode data, Instant at) {}

    /** One delivery attempt; {@code status} is -1 when the receiver could not be reached. */
    public record Delivery(long hookId, String destination, ObjectNode payload, int status, int attempt, Instant at) {
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }

        public String scope() {
            return payload.path("scope").asText();
        }
    }

    private final Hooks hooks;
    private final String storeId;
    private final String storeHash;
    private final Clock clock;
    private final Random random;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "simulator-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Fired> fired = new ArrayList<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Map<Long, AtomicInteger> consecutiveFailures = new ConcurrentHashMap<>();
    private volatile boolean enabled = true;
    private volatile List<Duration> retryDelays =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    private volatile double repeatRate;
    private volatile int deactivateAfterFailures;
    private final AtomicInteger pending = new AtomicInteger();

    WebhookSender(Hooks hooks, String storeId, String storeHash, Clock clock, Random random) {
        this.hooks = hooks;
        this.storeId = storeId;
        this.storeHash = storeHash;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public void fire(String scope, ObjectNode data) {
        Instant now = clock.instant();
        synchronized (fired) {
            fired.add(new Fired(scope, data.deepCopy(), now));
        }
        if (!enabled) {
            return;
        }
        for (ObjectNode hook : hooks.subscribers(scope)) {
            ObjectNode payload = payload(scope, data, now);
            pending.incrementAndGet();
            executor.execute(() -> deliver(hook, payload, 1));
            if (repeatRate > 0 && random.nextDouble() < repeatRate) {
                pending.incrementAndGet();
                executor.execute(() -> deliver(hook, payload, 1));
            }
        }
    }

    /** The body BigCommerce posts for an event. */
    ObjectNode payload(String scope, ObjectNode data, Instant at) {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("scope", scope);
        payload.put("store_id", storeId);
        payload.set("data", data.deepCopy());
        payload.put("hash", sha1(data.toString()));
        payload.put("created_at", at.getEpochSecond());
        payload.put("producer", "stores/" + storeHash);
        return payload;
    }

    private void deliver(ObjectNode hook, ObjectNode payload, int attempt) {
        boolean retrying = false;
        try {
            retrying = attempt(hook, payload, attempt);
        } finally {
            if (!retrying) {
                pending.decrementAndGet();
            }
        }
    }

    /** @return whether another attempt is scheduled */
    private boolean attempt(ObjectNode hook, ObjectNode payload, int attempt) {
        long hookId = hook.path("id").asLong();
        String destination = hook.path("destination").asText();
        int status = post(hook, payload);
        synchronized (deliveries) {
            deliveries.add(new Delivery(hookId, destination, payload, status, attempt, clock.instant()));
        }
        if (status >= 200 && status < 300) {
            consecutiveFailures.remove(hookId);
            return false;
        }
        List<Duration> delays = retryDelays;
        if (attempt <= delays.size()) {
            executor.schedule(
                    () -> deliver(hook, payload, attempt + 1),
                    delays.get(attempt - 1).toMillis(),
                    TimeUnit.MILLISECONDS);
            return true;
        }
        int failures = consecutiveFailures
                .computeIfAbsent(hookId, id -> new AtomicInteger())
                .incrementAndGet();
        if (deactivateAfterFailures > 0 && failures >= deactivateAfterFailures) {
            hooks.deactivate(hookId);
        }
        return false;
    }

    /** Deliveries not finished yet: sending, or waiting for a retry. */
    public int pending() {
        return pending.get();
    }

    private int post(ObjectNode hook, ObjectNode payload) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(hook.path("destination").asText()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload.toString()));
            hook.path("headers")
                    .fields()
                    .forEachRemaining(
                            h -> request.header(h.getKey(), h.getValue().asText()));
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Delays between attempts; after the last one a delivery is given up. */
    public void retryDelays(List<Duration> delays) {
        this.retryDelays = List.copyOf(delays);
    }

    /** The share of deliveries sent twice, as BigCommerce sometimes does. */
    public void repeatRate(double rate) {
        this.repeatRate = rate;
    }

    /** Deactivates a hook once this many deliveries in a row have failed all their attempts (0: never). */
    public void deactivateAfterFailures(int failures) {
        this.deactivateAfterFailures = failures;
    }

    public List<Fired> fired() {
        synchronized (fired) {
            return List.copyOf(fired);
        }
    }

    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    static String sha1(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
