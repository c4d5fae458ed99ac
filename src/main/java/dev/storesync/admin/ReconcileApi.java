package dev.storesync.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.reconcile.ReconcileRequest;
import dev.storesync.reconcile.ReconcileRequest.Resource;
import dev.storesync.reconcile.Reconciler;
import dev.storesync.web.HttpProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Header;

/**
 * The reconcile part of the admin API (DESIGN §8): {@code POST reconcile} with {@code since}, {@code resources},
 * {@code limit}, {@code force}, {@code dryRun} and {@code backfill}; {@code GET reconcile} and
 * {@code GET reconcile/{runId}} to watch; {@code POST reconcile/{runId}/abort}.
 */
public final class ReconcileApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("since", "resources", "limit", "force", "dryRun", "backfill");
    private static final int MAX_LIMIT = 1_000_000;

    private final Reconciler reconciler;

    public ReconcileApi(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    /** POST reconcile: starts a run; 409 while another one runs. */
    public Map<String, Object> start(@Body String body) {
        ReconcileRequest request = request(body);
        try {
            return Map.of("runId", reconciler.start(request));
        } catch (Reconciler.AlreadyRunning e) {
            throw new HttpProblem(409, "already_running", e.getMessage());
        }
    }

    /** GET reconcile: the latest runs, newest first. */
    public List<Map<String, Object>> recent() {
        return reconciler.recent(20);
    }

    /** GET reconcile/{runId}: counts, progress and ETA, and a dry run's drift. */
    public Map<String, Object> run(@Header("runId") String runId) {
        return reconciler.view(runId).orElseThrow(() -> notFound(runId));
    }

    /** POST reconcile/{runId}/abort: the run stops before its next page. */
    public Map<String, Object> abort(@Header("runId") String runId) {
        if (reconciler.abort(runId)) {
            return Map.of("runId", runId, "abortRequested", true);
        }
        Map<String, Object> run = reconciler.view(runId).orElseThrow(() -> notFound(runId));
        throw new HttpProblem(409, "not_running", "reconcile run " + runId + " is " + run.get("status"));
    }

    static ReconcileRequest request(String body) {
        JsonNode json = parse(body);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw HttpProblem.badRequest("unknown field '" + name + "'; a reconcile takes " + FIELDS);
            }
        }
        Optional<Instant> since = Optional.empty();
        if (json.hasNonNull("since")) {
            try {
                since = Optional.of(Instant.parse(json.get("since").asText()));
            } catch (DateTimeParseException e) {
                throw HttpProblem.badRequest("since must be an ISO-8601 instant such as 2026-11-20T00:00:00Z");
            }
        }
        Set<Resource> resources = EnumSet.allOf(Resource.class);
        if (json.has("resources")) {
            if (!json.get("resources").isArray() || json.get("resources").isEmpty()) {
                throw HttpProblem.badRequest("resources must be a non-empty list of products, categories, brands");
            }
            resources = EnumSet.noneOf(Resource.class);
            for (JsonNode resource : json.get("resources")) {
                resources.add(Resource.of(resource.asText())
                        .orElseThrow(() -> HttpProblem.badRequest(
                                "unknown resource " + resource + "; use products, categories, brands")));
            }
        }
        OptionalInt limit = OptionalInt.empty();
        if (json.hasNonNull("limit")) {
            JsonNode value = json.get("limit");
            if (!value.canConvertToInt()
                    || !value.isIntegralNumber()
                    || value.asInt() < 1
                    || value.asInt() > MAX_LIMIT) {
                throw HttpProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
            }
            limit = OptionalInt.of(value.asInt());
        }
        boolean force = flag(json, "force");
        boolean dryRun = flag(json, "dryRun");
        boolean backfill = flag(json, "backfill");
        if (dryRun && backfill) {
            throw HttpProblem.badRequest("dryRun writes nothing, so it cannot be combined with backfill");
        }
        if (force && since.isPresent()) {
            throw HttpProblem.badRequest("force compares every product, so it cannot be combined with since");
        }
        return new ReconcileRequest(since, resources, limit, force, dryRun, backfill, "admin");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw HttpProblem.badRequest("the body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("the body is not valid JSON");
        }
    }

    private static boolean flag(JsonNode json, String name) {
        if (!json.has(name) || json.get(name).isNull()) {
            return false;
        }
        if (!json.get(name).isBoolean()) {
            throw HttpProblem.badRequest(name + " must be true or false");
        }
        return json.get(name).asBoolean();
    }

    private static HttpProblem notFound(String runId) {
        return new HttpProblem(404, "not_found", "no reconcile run " + runId);
    }
}
