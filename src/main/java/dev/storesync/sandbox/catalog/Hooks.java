package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook subscriptions ({@code /hooks}). A hook receives the events of its scope, or of every scope under a wildcard
 * such as {@code store/product/*}, while it is active. BigCommerce deactivates hooks whose deliveries keep failing.
 */
public final class Hooks {
    private static final Set<String> FILTERS = Set.of("page", "limit", "is_active", "scope", "destination");

    private final CatalogState state;
    private final String clientId;
    /** Denylisted destinations (scheme and host), with when they come off the list and why. */
    private final Map<String, Blocked> blocked = new LinkedHashMap<>();

    private record Blocked(long until, String reason, long since) {}

    Hooks(CatalogState state, String clientId) {
        this.state = state;
        this.clientId = clientId;
    }

    public ObjectNode create(JsonNode body) {
        synchronized (state.lock) {
            if (body == null
                    || !body.path("scope").isTextual()
                    || !body.path("destination").isTextual()) {
                throw new ApiException(
                        422,
                        "Scope and destination are required",
                        Map.of("scope", "is required", "destination", "is required"));
            }
            ObjectNode hook = Schemas.HOOK.defaults();
            Schemas.HOOK.apply(hook, body, Set.of("events_history_enabled"));
            checkHook(hook, -1);
            long id = state.nextId(CatalogState.Kind.HOOK);
            long now = state.clock.instant().getEpochSecond();
            hook.put("id", id);
            hook.put("client_id", clientId);
            hook.put("store_hash", state.storeHash);
            hook.put("created_at", now);
            hook.put("updated_at", now);
            state.hooks.put(id, hook);
            return hook.deepCopy();
        }
    }

    public ObjectNode update(long id, JsonNode body) {
        synchronized (state.lock) {
            ObjectNode hook = find(id);
            ObjectNode candidate = hook.deepCopy();
            Schemas.HOOK.apply(candidate, body, Set.of("events_history_enabled"));
            checkHook(candidate, id);
            candidate.put("updated_at", state.clock.instant().getEpochSecond());
            hook.setAll(candidate);
            return hook.deepCopy();
        }
    }

    public ObjectNode delete(long id) {
        synchronized (state.lock) {
            return state.hooks.remove(find(id).path("id").asLong());
        }
    }

    public ObjectNode get(long id) {
        synchronized (state.lock) {
            return find(id).deepCopy();
        }
    }

    public Page<ObjectNode> list(ListQuery query) {
        Views.refuseUnknown(query, FILTERS);
        synchronized (state.lock) {
            List<ObjectNode> matching = state.hooks.values().stream()
                    .filter(h -> query.bool("is_active")
                            .map(a -> a == h.path("is_active").asBoolean())
                            .orElse(true))
                    .filter(h -> query.string("scope")
                            .map(s -> s.equals(h.path("scope").asText()))
                            .orElse(true))
                    .filter(h -> query.string("destination")
                            .map(d -> d.equals(h.path("destination").asText()))
                            .orElse(true))
                    .map(ObjectNode::deepCopy)
                    .toList();
            return Page.of(matching, query.page(), query.limit());
        }
    }

    /** The active hooks whose scope covers {@code scope}, except those to a denylisted destination. */
    public List<ObjectNode> subscribers(String scope) {
        synchronized (state.lock) {
            return state.hooks.values().stream()
                    .filter(h -> h.path("is_active").asBoolean())
                    .filter(h -> blockedFor(h.path("destination").asText()) == 0)
                    .filter(h -> covers(h.path("scope").asText(), scope))
                    .map(ObjectNode::deepCopy)
                    .toList();
        }
    }

    /** Deactivates a hook, as BigCommerce does after deliveries have failed for too long. */
    public void deactivate(long id) {
        synchronized (state.lock) {
            ObjectNode hook = find(id);
            hook.put("is_active", false);
            hook.put("updated_at", state.clock.instant().getEpochSecond());
        }
    }

    /**
     * Puts a destination's domain on the denylist for {@code duration}, as BigCommerce does when deliveries to it keep
     * failing: no webhook is sent there meanwhile, and {@code GET /hooks/admin} lists it.
     */
    public void block(String destination, Duration duration, String reason) {
        synchronized (state.lock) {
            long now = state.clock.millis();
            blocked.put(domain(destination), new Blocked(now + duration.toMillis(), reason, now / 1000));
        }
    }

    /** The {@code blocked_domains} of {@code GET /hooks/admin}. */
    public ArrayNode blockedDomains() {
        synchronized (state.lock) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            blocked.forEach((domain, entry) -> {
                long left = blockedFor(domain);
                if (left > 0) {
                    ObjectNode item =
                            list.addObject().put("destination", domain).put("time_left", left);
                    item.putArray("reasons")
                            .addObject()
                            .put("failure_description", entry.reason())
                            .put("count", 1)
                            .put("timestamp", entry.since());
                }
            });
            return list;
        }
    }

    /** Seconds the destination's domain stays on the denylist; 0 when it is not on it. */
    private long blockedFor(String destination) {
        Blocked entry = blocked.get(domain(destination));
        long leftMs = entry == null ? 0 : entry.until() - state.clock.millis();
        return leftMs <= 0 ? 0 : (leftMs + 999) / 1000;
    }

    private static String domain(String destination) {
        try {
            URI uri = URI.create(destination);
            return uri.getScheme() + "://" + uri.getAuthority();
        } catch (IllegalArgumentException e) {
            return destination;
        }
    }

    public Optional<ObjectNode> find(String scope, String destination) {
        synchronized (state.lock) {
            return state.hooks.values().stream()
                    .filter(h -> h.path("scope").asText().equals(scope)
                            && h.path("destination").asText().equals(destination))
                    .findFirst()
                    .map(ObjectNode::deepCopy);
        }
    }

    static boolean covers(String hookScope, String scope) {
        if (hookScope.endsWith("/*")) {
            return scope.startsWith(hookScope.substring(0, hookScope.length() - 1));
        }
        return hookScope.equals(scope);
    }

    private void checkHook(ObjectNode hook, long self) {
        String destination = hook.path("destination").asText();
        if (!destination.startsWith("https://") && !destination.startsWith("http://")) {
            throw ApiException.invalid("destination", "must be an http(s) URL");
        }
        if (!hook.path("scope").asText().startsWith("store/")) {
            throw ApiException.invalid("scope", "is not a webhook scope");
        }
        JsonNode headers = hook.path("headers");
        if (headers.isObject()) {
            headers.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) {
                    throw ApiException.invalid("headers", "header values must be strings");
                }
            });
        }
        boolean duplicate = state.hooks.values().stream()
                .anyMatch(h -> h.path("id").asLong() != self
                        && h.path("scope").asText().equals(hook.path("scope").asText())
                        && h.path("destination").asText().equals(destination));
        if (duplicate) {
            throw ApiException.invalid("scope", "a hook for this scope and destination already exists");
        }
    }

    private ObjectNode find(long id) {
        ObjectNode hook = state.hooks.get(id);
        if (hook == null) {
            throw ApiException.notFound("webhook");
        }
        return hook;
    }
}
