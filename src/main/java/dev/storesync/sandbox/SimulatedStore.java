package dev.storesync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.sandbox.catalog.ApiException;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.http.StoreApi;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated BigCommerce store: its catalog, its API with the realism knobs (rate limit, latency, faults, outage),
 * its request log and its webhooks. {@link #catalog()} is also the Java control API: a test or the demo edits the
 * catalog there as a merchant would in the control panel, and the same webhooks fire as for the same edit by API.
 */
public final class SimulatedStore implements AutoCloseable {
    private final StoreOptions options;
    private final Catalog catalog;
    private final RateLimiter limiter;
    private final RequestLog log = new RequestLog();
    private final WebhookSender webhooks;
    private final StoreApi api;
    private final Random faults;
    private volatile Duration latency;
    private volatile Duration writeLatency = Duration.ZERO;
    private volatile boolean hanging;
    private final AtomicLong leftUnanswered = new AtomicLong();
    private final AtomicLong writesReceived = new AtomicLong();
    private volatile double faultRate;
    private volatile int faultStatus = 500;
    private volatile boolean outage;
    private volatile String acceptedToken;
    private final AtomicInteger answersToLose = new AtomicInteger();
    private volatile String answersToLoseMethod;

    public SimulatedStore(StoreOptions options) {
        this.options = options;
        this.catalog = new Catalog(options.hash(), options.storeId(), options.clock(), options.idBase(), "simulator");
        this.limiter = new RateLimiter(
                options.clock(), options.quota(), options.window().toMillis());
        this.faults = new Random(options.seed());
        this.webhooks = new WebhookSender(
                catalog.hooks, options.storeId(), options.hash(), options.clock(), new Random(options.seed() + 1));
        this.catalog.events(webhooks);
        this.latency = options.latency();
        this.api = new StoreApi(catalog);
        options.requestLog().ifPresent(log::writeTo);
    }

    public String hash() {
        return options.hash();
    }

    public String token() {
        return options.token();
    }

    public Catalog catalog() {
        return catalog;
    }

    public RequestLog requests() {
        return log;
    }

    public WebhookSender webhooks() {
        return webhooks;
    }

    /** Requests per window; answers carry the X-Rate-Limit-* headers and 429 past the quota. */
    public void quota(int requests, Duration window) {
        limiter.configure(requests, window.toMillis());
    }

    /** Added to every answer. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** How long the answer to the request being served waits: every answer's latency, and a write's own on top. */
    public Duration latency(String method) {
        return isWrite(method) ? latency.plus(writeLatency) : latency;
    }

    /** Added to the answers of writes (carried out at once, answered late: a slow write). */
    public void writeLatency(Duration latency) {
        this.writeLatency = latency;
    }

    /** While on, requests are accepted and never answered (until the client gives up), as a hung store. */
    public void hang(boolean on) {
        this.hanging = on;
    }

    /** Whether the request being served is to be left unanswered (counted when it is). */
    boolean leaveUnanswered() {
        if (hanging) {
            leftUnanswered.incrementAndGet();
            return true;
        }
        return false;
    }

    /** Requests that were accepted and never answered. */
    public long leftUnanswered() {
        return leftUnanswered.get();
    }

    /** Writes that reached the store so far, counted on arrival (before their answer, which may be slow). */
    public long writesReceived() {
        return writesReceived.get();
    }

    private static boolean isWrite(String method) {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    /** A share of requests (0 to 1) answered with {@code status} instead of being served. */
    public void faults(double rate, int status) {
        this.faultRate = rate;
        this.faultStatus = status;
    }

    /**
     * The next {@code count} requests are carried out but their answers are lost: the connection closes instead, as
     * when a timeout cuts a call whose write already happened.
     */
    public void loseAnswers(int count) {
        loseAnswers(null, count);
    }

    /** Like {@link #loseAnswers(int)}, for requests of one method only ("POST": creates). */
    public void loseAnswers(String method, int count) {
        answersToLoseMethod = method;
        answersToLose.set(count);
    }

    /** Whether the answer to the request being served is to be lost. */
    boolean loseThisAnswer(String method) {
        String only = answersToLoseMethod;
        if (only != null && !only.equals(method)) {
            return false;
        }
        return answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /**
     * Makes the store accept {@code token} instead of the one it was started with, as when a merchant rotates or
     * revokes the API account; {@code null} goes back to the original.
     */
    public void acceptOnly(String token) {
        this.acceptedToken = token;
    }

    /** While on, every request is answered 503. */
    public void outage(boolean on) {
        this.outage = on;
    }

    /** Serves one request through the store's gates, in the order BigCommerce applies them. */
    public StoreApi.Served serve(
            String method, String path, String rawQuery, String body, String token, String contentType) {
        if (isWrite(method)) {
            writesReceived.incrementAndGet();
        }
        if (outage) {
            return StoreApi.Served.of(StoreApi.error(503, "Service Unavailable"));
        }
        String accepted = acceptedToken == null ? options.token() : acceptedToken;
        if (token == null || !accepted.equals(token)) {
            return StoreApi.Served.of(StoreApi.error(401, "You are not authorized to access this resource"));
        }
        RateLimiter.Decision quota = limiter.acquire();
        if (!quota.allowed()) {
            return new StoreApi.Served(StoreApi.error(429, "Too many requests"), quota.headers(), null);
        }
        boolean fault;
        synchronized (faults) {
            fault = faultRate > 0 && faults.nextDouble() < faultRate;
        }
        if (fault) {
            return new StoreApi.Served(StoreApi.error(faultStatus, "Simulated failure"), quota.headers(), null);
        }
        return api.serve(method, path, rawQuery, body, contentType).withHeaders(quota.headers());
    }

    /** Convenience for tests and the demo: JSON text to a tree, for the control API. */
    public static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("body", "is not JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() {
        webhooks.close();
        log.close();
    }
}
