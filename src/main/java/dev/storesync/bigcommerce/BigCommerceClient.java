package dev.storesync.bigcommerce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * One store's v3 API. Every call passes the store's {@link RateLimitGate}; the client then decides what an answer
 * means:
 *
 * <ul>
 *   <li>429: wait for the reset (the gate holds every worker back) and send again;
 *   <li>5xx and I/O failures: a few quick retries with exponential backoff and jitter, then
 *       {@link TransientApiException}; a POST is never repeated once it may have reached the store
 *       ({@link UncertainWriteException});
 *   <li>404: {@link NotFoundException}, which the read helpers turn into "absent";
 *   <li>401 and 403: {@link AccessDeniedException} at once; until the store accepts the credentials again, {@link
 *       #accessDenied()} says so, and the dispatcher holds the syncs back;
 *   <li>other 4xx: {@link PermanentApiException} at once, with BigCommerce's title and errors.
 * </ul>
 */
public final class BigCommerceClient {
    public static final int PAGE_LIMIT = 250;
    /** BigCommerce's JSON: snake_case names; fields the records do not use are ignored. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final String store;
    private final HttpTransport transport;
    private final RateLimitGate gate;
    private final ApiMetrics metrics;
    private final Retries retries;
    private final Runnable beforeWrite;
    private volatile Contact lastContact;
    private volatile Contact accessDenied;
    private volatile double typicalLatencyMs;

    /** How persistent the client is before it hands a failure back. */
    public record Retries(int transientAttempts, Duration backoffBase, Duration backoffCap, int rateLimitedAttempts) {
        public static final Retries DEFAULT = new Retries(3, Duration.ofMillis(250), Duration.ofSeconds(2), 8);
    }

    /** @param store "A" or "B", for messages and metrics */
    public BigCommerceClient(
            String store, HttpTransport transport, RateLimitGate gate, ApiMetrics metrics, Retries retries) {
        this(store, transport, gate, metrics, retries, () -> {});
    }

    /**
     * @param beforeWrite runs before every send of a write (each retry too) and may refuse it by throwing: a sync that
     *     lost its lease stops there
     */
    public BigCommerceClient(
            String store,
            HttpTransport transport,
            RateLimitGate gate,
            ApiMetrics metrics,
            Retries retries,
            Runnable beforeWrite) {
        this.store = store;
        this.transport = transport;
        this.gate = gate;
        this.metrics = metrics;
        this.retries = retries;
        this.beforeWrite = beforeWrite;
    }

    /**
     * How the last call to the store went: {@code problem} is null when the store answered (any status below 500 but
     * 401 and 403).
     */
    public record Contact(Instant at, String problem) {}

    public Optional<Contact> lastContact() {
        return Optional.ofNullable(lastContact);
    }

    /** When and why the store last refused the credentials, unless it has accepted them since. */
    public Optional<Contact> accessDenied() {
        return Optional.ofNullable(accessDenied);
    }

    public String store() {
        return store;
    }

    /** The store's quota as the gate knows it, and how long a call typically takes: what a backfill paces itself by. */
    public Pace pace() {
        return new Pace(gate.snapshot(), Duration.ofMillis(Math.round(typicalLatencyMs)));
    }

    public record Pace(RateLimitGate.Snapshot rateLimit, Duration typicalLatency) {}

    /** The {@code data} of a resource, or empty when it does not exist. */
    public <T> Optional<T> get(String path, Query query, Class<T> type) {
        return get(path, query, data -> convert(data, type));
    }

    /** The {@code data} of a resource read by {@code reader}, or empty when it does not exist. */
    public <T> Optional<T> get(String path, Query query, Function<JsonNode, T> reader) {
        return getJson(path, query).map(body -> reader.apply(body.path("data")));
    }

    /** The whole answer of a read, or empty on 404. */
    public Optional<JsonNode> getJson(String path, Query query) {
        try {
            return Optional.of(json(call(ApiRequest.get(path, query))));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Every item of a page-based listing, page after page until {@code meta.pagination.total_pages}; pages of 250
     * unless the query sets another {@code limit}.
     */
    public <T> List<T> getAll(String path, Query query, Class<T> type) {
        return getAll(path, query, item -> convert(item, type));
    }

    /** Like {@link #getAll(String, Query, Class)}, each item read by {@code reader}. */
    public <T> List<T> getAll(String path, Query query, Function<JsonNode, T> reader) {
        List<T> all = new ArrayList<>();
        Query pages = withDefaultLimit(query);
        int totalPages;
        int page = 1;
        do {
            Optional<JsonNode> body = getJson(path, pages.with("page", page));
            if (body.isEmpty()) {
                return all;
            }
            body.get().path("data").forEach(item -> all.add(reader.apply(item)));
            totalPages = body.get()
                    .path("meta")
                    .path("pagination")
                    .path("total_pages")
                    .asInt(1);
            page++;
        } while (page <= totalPages);
        return all;
    }

    /**
     * Every item of a cursor-paged listing (channel listings): each page after the last item of the one before, while
     * the answer links a next page; pages of 250 unless the query sets another {@code limit}.
     */
    public <T> List<T> getAllAfter(String path, Query query, Class<T> type, ToLongFunction<T> cursor) {
        List<T> all = new ArrayList<>();
        Query page = withDefaultLimit(query);
        Long after = null;
        while (true) {
            Optional<JsonNode> body = getJson(path, after == null ? page : page.with("after", after));
            if (body.isEmpty()) {
                return all;
            }
            List<T> items = new ArrayList<>();
            body.get().path("data").forEach(item -> items.add(convert(item, type)));
            all.addAll(items);
            boolean more =
                    body.get().path("meta").path("pagination").path("links").hasNonNull("next");
            if (!more || items.isEmpty()) {
                return all;
            }
            after = cursor.applyAsLong(items.get(items.size() - 1));
        }
    }

    /** Creates; the answer's {@code data}. Never repeated after an uncertain outcome. */
    public <T> T post(String path, Object body, Class<T> type) {
        return convert(json(call(ApiRequest.post(path, body))).path("data"), type);
    }

    /**
     * Creates, unless an earlier attempt whose answer was lost already did. When a POST's outcome is uncertain,
     * {@code existing} looks for what it would have created; if that is not there yet, the caller gets a transient error
     * and will look again on its next attempt before anything is created twice.
     */
    public <T> T create(String path, Object body, Class<T> type, Supplier<Optional<T>> existing) {
        try {
            return post(path, body, type);
        } catch (UncertainWriteException uncertain) {
            return existing.get()
                    .orElseThrow(() -> new TransientApiException(
                            store,
                            uncertain.call(),
                            uncertain.status(),
                            uncertain.getMessage() + "; nothing found yet",
                            uncertain));
        }
    }

    /** Sends a request and answers the {@code data} of its answer; an unreadable answer is a transient failure. */
    public JsonNode data(ApiRequest request) {
        return json(call(request)).path("data");
    }

    public <T> T put(String path, Object body, Class<T> type) {
        return convert(json(call(ApiRequest.put(path, body))).path("data"), type);
    }

    /** A write whose answer carries no {@code data} (204, or counts only). */
    public void write(ApiRequest request) {
        call(request);
    }

    /** @return false when there was nothing to delete */
    public boolean delete(String path, Query query) {
        try {
            call(ApiRequest.delete(path, query));
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Sends a request and returns its successful answer, or throws what the failure means. */
    public ApiResponse call(ApiRequest request) {
        byte[] body = serialise(request.body());
        int transientFailures = 0;
        int rateLimited = 0;
        while (true) {
            ApiResponse response = null;
            IOException failure = null;
            if (request.method() != ApiRequest.Method.GET) {
                beforeWrite.run();
            }
            try {
                gate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientApiException(store, request.describe(), 0, "interrupted", e);
            }
            long started = System.nanoTime();
            try {
                response = transport.send(request, body);
            } catch (IOException e) {
                failure = e;
            } finally {
                gate.release(response);
                Duration latency = Duration.ofNanos(System.nanoTime() - started);
                double ms = latency.toNanos() / 1e6;
                // a moving average: recent calls count most, one slow call does not swing it
                typicalLatencyMs = typicalLatencyMs == 0 ? ms : typicalLatencyMs * 0.9 + ms * 0.1;
                metrics.call(
                        request.method(), response == null ? "io_error" : Integer.toString(response.status()), latency);
                lastContact = contact(request, response, failure);
            }
            if (response != null && response.status() == 207) {
                throw partial(request, response);
            }
            if (response != null && response.success()) {
                return response;
            }
            if (response != null && response.status() == 429) {
                if (++rateLimited >= retries.rateLimitedAttempts()) {
                    throw new RateLimitedException(store, request.describe(), RateLimitGate.retryAfter(response));
                }
                continue;
            }
            if (response != null && response.status() < 500) {
                throw refusal(request, response);
            }
            boolean reachedStore = response != null || !neverConnected(failure);
            if (!request.method().idempotent() && reachedStore) {
                throw new UncertainWriteException(
                        store,
                        request.describe(),
                        status(response),
                        "Store " + store + ": " + request.describe() + " may or may not have happened ("
                                + outcome(response, failure) + "); look before creating again",
                        failure);
            }
            if (++transientFailures >= retries.transientAttempts()) {
                throw new TransientApiException(
                        store,
                        request.describe(),
                        status(response),
                        "Store " + store + " failed " + request.describe() + " " + transientFailures + " times ("
                                + outcome(response, failure) + ")",
                        failure);
            }
            pause(backoff(transientFailures));
        }
    }

    private Contact contact(ApiRequest request, ApiResponse response, IOException failure) {
        if (response != null && isDenied(response.status())) {
            accessDenied = new Contact(Instant.now(), deniedMessage(request, response.status()));
            return accessDenied;
        }
        if (response != null && response.status() < 500) {
            accessDenied = null;
            return new Contact(Instant.now(), null);
        }
        return new Contact(
                Instant.now(),
                "Store " + store + ": " + request.describe() + " failed (" + outcome(response, failure) + ")");
    }

    private static boolean isDenied(int status) {
        return status == 401 || status == 403;
    }

    private String deniedMessage(ApiRequest request, int status) {
        return "Store " + store + " refused the service's credentials for " + request.describe() + " (HTTP " + status
                + "): its access token was rotated, revoked or lost a scope; syncs wait until it is accepted again";
    }

    private static Query withDefaultLimit(Query query) {
        return query.value("limit").isPresent() ? query : query.with("limit", PAGE_LIMIT);
    }

    private BigCommerceException refusal(ApiRequest request, ApiResponse response) {
        if (response.status() == 404) {
            return new NotFoundException(
                    store, request.describe(), "Store " + store + ": " + request.describe() + " not found");
        }
        if (isDenied(response.status())) {
            return new AccessDeniedException(
                    store, request.describe(), response.status(), deniedMessage(request, response.status()));
        }
        Refusal refusal = Refusal.of(parseQuietly(response), response.status());
        return new PermanentApiException(
                store,
                request.describe(),
                response.status(),
                refusal.message("Store " + store + " refused " + request.describe(), response.status()),
                refusal.errors());
    }

    private PartialWriteException partial(ApiRequest request, ApiResponse response) {
        JsonNode body = parseQuietly(response);
        Refusal refusal = Refusal.of(body, response.status());
        return new PartialWriteException(
                store,
                request.describe(),
                refusal.message("Store " + store + " saved only part of " + request.describe(), response.status()),
                refusal.errors(),
                body.path("data"));
    }

    /** BigCommerce's reason for refusing (part of) a request: its {@code title} and per-field {@code errors}. */
    private record Refusal(String title, Map<String, String> errors) {
        static Refusal of(JsonNode body, int status) {
            // most operations answer the error at the top; the trees API and 207s wrap it in "errors"; the variants
            // batch lists one per refused item in "batch_errors"
            List<JsonNode> items = new ArrayList<>();
            if (body.path("batch_errors").isArray()
                    && !body.path("batch_errors").isEmpty()) {
                body.path("batch_errors").forEach(items::add);
            } else {
                items.add(body.path("errors").has("title") ? body.path("errors") : body);
            }
            Map<String, String> errors = new LinkedHashMap<>();
            for (JsonNode item : items) {
                JsonNode details = item.path("errors");
                if (details.isObject()) {
                    details.fields()
                            .forEachRemaining(e -> errors.merge(
                                    e.getKey(),
                                    e.getValue().isTextual()
                                            ? e.getValue().asText()
                                            : e.getValue().toString(),
                                    (first, next) -> first + "; " + next));
                }
            }
            return new Refusal(items.get(0).path("title").asText("HTTP " + status), errors);
        }

        String message(String what, int status) {
            StringBuilder message = new StringBuilder(what)
                    .append(" (")
                    .append(status)
                    .append(' ')
                    .append(title)
                    .append(')');
            errors.forEach((field, text) ->
                    message.append("; ").append(field).append(": ").append(text));
            return message.toString();
        }
    }

    private Duration backoff(int failures) {
        long ceiling = Math.min(
                retries.backoffCap().toMillis(), retries.backoffBase().toMillis() << Math.min(failures - 1, 20));
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connection refused: the request never reached the store, so even a create can be sent again. */
    private static boolean neverConnected(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static int status(ApiResponse response) {
        return response == null ? 0 : response.status();
    }

    private static String outcome(ApiResponse response, IOException failure) {
        return response != null ? "HTTP " + response.status() : failure.getMessage();
    }

    private static byte[] serialise(Object body) {
        if (body == null) {
            return null;
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        }
    }

    private JsonNode json(ApiResponse response) {
        if (response.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new TransientApiException(
                    store, "", response.status(), "Store " + store + " answered with invalid JSON", e);
        }
    }

    private static JsonNode parseQuietly(ApiResponse response) {
        try {
            return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        if (type == JsonNode.class) {
            return type.cast(node);
        }
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "unexpected " + type.getSimpleName() + " in answer: " + e.getOriginalMessage(), e);
        }
    }
}
