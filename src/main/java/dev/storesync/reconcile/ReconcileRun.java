package dev.storesync.reconcile;

import dev.storesync.reconcile.ReconcileRequest.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;

/** One reconcile run as stored in {@code reconcile_runs}: its request, where it stands, and (dry runs) its drift. */
final class ReconcileRun {
    /** Drift entries kept per run; the count goes on beyond it. */
    static final int DRIFT_KEPT = 500;

    enum Status {
        RUNNING,
        DONE,
        ABORTED,
        FAILED;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    final String id;
    final ReconcileRequest request;
    final Instant startedAt;
    /** Products modified from then on are compared; empty: all of them. Fixed when the run starts. */
    final Optional<Instant> productsSince;

    Status status = Status.RUNNING;
    Instant updatedAt;
    Optional<Instant> finishedAt = Optional.empty();
    Optional<String> error = Optional.empty();
    /** A limited run's chosen products, most recently modified first; chosen once, so a resume sees the same ones. */
    Optional<List<Long>> chosenIds = Optional.empty();

    final Map<Resource, ResourceProgress> progress = new EnumMap<>(Resource.class);
    final List<Drift> drift = new ArrayList<>();
    long driftCount;

    ReconcileRun(String id, ReconcileRequest request, Instant startedAt, Optional<Instant> productsSince) {
        this.id = id;
        this.request = request;
        this.startedAt = startedAt;
        this.productsSince = productsSince;
        this.updatedAt = startedAt;
        request.resources().forEach(r -> progress.put(r, new ResourceProgress()));
    }

    void addDrift(List<Drift> found) {
        for (Drift d : found) {
            if (drift.size() < DRIFT_KEPT) {
                drift.add(d);
            }
            driftCount++;
        }
    }

    /** The fields a page of work changes; the rest (request, abort flag, claim) are written elsewhere. */
    Document progressFields() {
        Document progressDoc = new Document();
        progress.forEach((resource, p) -> progressDoc.append(resource.value(), p.toDocument()));
        return new Document("status", status.value())
                .append("updatedAt", Date.from(updatedAt))
                .append("finishedAt", finishedAt.map(Date::from).orElse(null))
                .append("error", error.orElse(null))
                .append("chosenIds", chosenIds.orElse(null))
                .append("progress", progressDoc)
                .append("drift", drift.stream().map(ReconcileRun::toDocument).toList())
                .append("driftCount", driftCount);
    }

    Document toDocument() {
        Document doc = new Document("_id", id)
                .append("trigger", request.trigger())
                .append("since", request.since().map(Date::from).orElse(null))
                .append(
                        "resources",
                        request.resources().stream()
                                .map(Resource::value)
                                .sorted()
                                .toList())
                .append("limit", request.limit().isPresent() ? request.limit().getAsInt() : null)
                .append("force", request.force())
                .append("dryRun", request.dryRun())
                .append("backfill", request.backfill())
                .append("coversAllProducts", request.coversAllProducts())
                .append("startedAt", Date.from(startedAt))
                .append("productsSince", productsSince.map(Date::from).orElse(null))
                .append("abortRequested", false);
        doc.putAll(progressFields());
        return doc;
    }

    static ReconcileRun from(Document doc) {
        Set<Resource> resources = doc.getList("resources", String.class).stream()
                .map(r -> Resource.of(r).orElseThrow())
                .collect(Collectors.toSet());
        Integer limit = doc.getInteger("limit");
        ReconcileRequest request = new ReconcileRequest(
                Optional.ofNullable(doc.getDate("since")).map(Date::toInstant),
                resources,
                limit == null ? OptionalInt.empty() : OptionalInt.of(limit),
                doc.getBoolean("force", false),
                doc.getBoolean("dryRun", false),
                doc.getBoolean("backfill", false),
                doc.getString("trigger"));
        ReconcileRun run = new ReconcileRun(
                doc.getString("_id"),
                request,
                doc.getDate("startedAt").toInstant(),
                Optional.ofNullable(doc.getDate("productsSince")).map(Date::toInstant));
        run.status = Status.of(doc.getString("status"));
        run.updatedAt = doc.getDate("updatedAt").toInstant();
        run.finishedAt = Optional.ofNullable(doc.getDate("finishedAt")).map(Date::toInstant);
        run.error = Optional.ofNullable(doc.getString("error"));
        List<?> chosen = doc.getList("chosenIds", Object.class);
        run.chosenIds = Optional.ofNullable(chosen)
                .map(ids -> ids.stream().map(i -> ((Number) i).longValue()).toList());
        Document progress = doc.get("progress", Document.class);
        resources.forEach(r -> run.progress.put(
                r, ResourceProgress.from(progress == null ? null : progress.get(r.value(), Document.class))));
        for (Document d : doc.getList("drift", Document.class, List.of())) {
            run.drift.add(new Drift(
                    d.getString("resource"),
                    ((Number) d.get("storeAId")).longValue(),
                    d.getString("label"),
                    d.getString("problem"),
                    d.getList("writes", String.class, List.of())));
        }
        run.driftCount = ((Number) doc.get("driftCount", 0L)).longValue();
        return run;
    }

    /** The run as the admin API shows it: counts per resource, progress, an ETA while it runs, drift for dry runs. */
    Map<String, Object> view(Instant now, boolean abortRequested) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("runId", id);
        view.put("status", status.value());
        view.put("trigger", request.trigger());
        view.put("dryRun", request.dryRun());
        view.put("backfill", request.backfill());
        view.put("force", request.force());
        view.put("limit", request.limit().isPresent() ? request.limit().getAsInt() : null);
        view.put("productsSince", productsSince.map(Instant::toString).orElse(null));
        view.put("startedAt", startedAt.toString());
        view.put("updatedAt", updatedAt.toString());
        view.put("finishedAt", finishedAt.map(Instant::toString).orElse(null));
        view.put("abortRequested", abortRequested);
        error.ifPresent(e -> view.put("error", e));
        Map<String, Object> resources = new LinkedHashMap<>();
        for (Resource resource : Resource.values()) {
            ResourceProgress p = progress.get(resource);
            if (p == null) {
                continue;
            }
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("total", p.total < 0 ? null : p.total);
            counts.put("scanned", p.scanned);
            counts.put("differing", p.differing);
            counts.put("queued", p.queued);
            counts.put("written", p.written);
            counts.put("done", p.done);
            resources.put(resource.value(), counts);
        }
        view.put("resources", resources);
        view.put("percent", percent());
        view.put(
                "etaSeconds",
                status == Status.RUNNING ? eta(now).map(Duration::toSeconds).orElse(null) : null);
        view.put("driftCount", driftCount);
        view.put("drift", drift.stream().map(ReconcileRun::toDocument).toList());
        return view;
    }

    /** Share of the known work done, 0–100; resources not started count as not done. */
    int percent() {
        long total = 0;
        long scanned = 0;
        for (ResourceProgress p : progress.values()) {
            if (p.done) {
                total += Math.max(p.scanned, 1);
                scanned += Math.max(p.scanned, 1);
            } else if (p.total > 0) {
                total += p.total;
                scanned += Math.min(p.scanned, p.total);
            } else {
                total += 1;
            }
        }
        return total == 0 ? 0 : (int) (100 * scanned / total);
    }

    /** Time left at the pace so far: elapsed × (what is left ÷ what is done). */
    Optional<Duration> eta(Instant now) {
        int percent = percent();
        if (percent <= 0) {
            return Optional.empty();
        }
        Duration elapsed = Duration.between(startedAt, now);
        return Optional.of(elapsed.multipliedBy(100 - percent).dividedBy(percent));
    }

    private static Document toDocument(Drift d) {
        return new Document("resource", d.resource())
                .append("storeAId", d.storeAId())
                .append("label", d.label())
                .append("problem", d.problem())
                .append("writes", d.writes());
    }
}
