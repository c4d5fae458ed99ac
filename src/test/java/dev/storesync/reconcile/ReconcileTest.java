package dev.storesync.reconcile;

import static dev.storesync.testsupport.CatalogBuilder.brand;
import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.categoryIn;
import static dev.storesync.testsupport.CatalogBuilder.countBySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static dev.storesync.testsupport.CatalogBuilder.withImages;
import static dev.storesync.testsupport.CatalogBuilder.withVariants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.hooks.HookLifecycle;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.SyncHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reconcile runs against two simulated stores with Store A's webhooks switched off: what they find, what they heal,
 * where they pick up again.
 */
class ReconcileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ListQuery ALL = new ListQuery(Map.of("limit", "250"));
    private static final Pattern CURSOR = Pattern.compile("id(?::|%3A)greater=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void editsWebhooksMissedAreReportedByADryRunAndHealedByARun() throws Exception {
        try (SyncHarness sync =
                SyncHarness.builder(dir).contractLog("ReconcileTest").start()) {
            long shoes = categoryIn(sync.a(), 0, "Shoes");
            long acme = brand(sync.a(), "Acme");
            ObjectNode mug = product("Reconciled Mug", "REC-1", 10);
            mug.put("brand_id", acme).putArray("categories").add(shoes);
            long mugId = create(sync.a(), mug);
            long photoId = create(sync.a(), withImages(product("Photo Mug", "REC-2", 12), 3, "photo"));
            long shirtId = create(
                    sync.a(),
                    withVariants(product("Reconciled Shirt", "REC-3", 20), Map.of("Size", List.of("S", "M", "L"))));
            sync.awaitInSync();

            sync.storeA().webhooks().enabled(false);
            sync.a().products.update(mugId, NODES.objectNode().put("price", 11.5));
            long lastImage = lastId(sync.a().images.list(photoId, ALL).items());
            sync.a().images.delete(photoId, lastImage);
            JsonNode size = sync.a().options.list(shirtId, ALL).items().get(0);
            long large = valueId(size, "L");
            sync.a().options.deleteValue(shirtId, size.path("id").asLong(), large);
            long newId = create(sync.a(), product("Quiet Newcomer", "REC-4", 5));
            sync.a()
                    .categories
                    .updateBatch(NODES.arrayNode()
                            .add(NODES.objectNode().put("category_id", shoes).put("name", "Footwear")));
            sync.a().brands.update(acme, NODES.objectNode().put("name", "Acme Works"));
            assertThat(sync.differences()).as("webhooks are off: Store B lags").isNotEmpty();

            long writesBefore = writes(sync);
            JsonNode dry = awaitFinished(sync, start(sync, "{\"dryRun\":true}"));

            assertThat(dry.path("status").asText()).isEqualTo("done");
            assertThat(writes(sync)).as("a dry run writes nothing to Store B").isEqualTo(writesBefore);
            assertThat(sync.service().queue().countByStatus().getOrDefault(dev.storesync.queue.TaskStatus.PENDING, 0L))
                    .isZero();
            List<String> drift = new ArrayList<>();
            dry.path("drift")
                    .forEach(d -> drift.add(d.path("resource").asText() + ":"
                            + d.path("storeAId").asLong()));
            assertThat(drift)
                    .contains(
                            "product:" + mugId,
                            "product:" + photoId,
                            "product:" + shirtId,
                            "product:" + newId,
                            "category:" + shoes,
                            "brand:" + acme);
            assertThat(dry.path("resources").path("products").path("scanned").asLong())
                    .isEqualTo(4);
            assertThat(countBySku(sync.b(), "REC-4")).isZero();
            RunningService service = sync.service();
            assertThat(service.metric("storesync_reconcile_runs_total{outcome=\"done\"}"))
                    .isEqualTo(1);
            assertThat(service.metric("storesync_reconcile_running")).isZero();
            assertThat(service.metric("storesync_reconcile_progress_percent")).isEqualTo(100);
            assertThat(service.metric("storesync_reconcile_scanned{resource=\"products\"}"))
                    .isEqualTo(4);
            assertThat(service.metric("storesync_reconcile_expected{resource=\"products\"}"))
                    .isEqualTo(4);
            assertThat(service.metric("storesync_reconcile_differing_total{resource=\"products\"}"))
                    .isEqualTo(4);
            assertThat(service.metric("storesync_reconcile_differing_total{resource=\"brands\"}"))
                    .isEqualTo(1);

            JsonNode run = awaitFinished(sync, start(sync, "{}"));

            assertThat(run.path("status").asText()).isEqualTo("done");
            assertThat(run.path("resources").path("products").path("queued").asLong())
                    .isEqualTo(4);
            sync.awaitInSync();
            assertThat(bySku(sync.b(), "REC-3").path("variants")).hasSize(2);
            assertThat(bySku(sync.b(), "REC-2").path("images")).hasSize(2);
        }
    }

    @Test
    void anEditMadeDuringARunIsCaughtByTheNextRun() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir)
                .property("storesync.reconcile.page-size", "2")
                .property("storesync.reconcile.overlap-mins", "0")
                .start()) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(create(sync.a(), product("Bookmark Mug " + i, "BOOK-" + i, 10 + i)));
            }
            sync.awaitInSync();
            sync.storeA().webhooks().enabled(false);
            // BigCommerce dates have whole seconds: the run starts in a later second than the products' last change
            long lastChange = Instant.now().getEpochSecond();
            await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() > lastChange);
            sync.storeA().latency(Duration.ofMillis(150));

            String first = start(sync, "{}");
            // the run has passed the first product: an edit to it now is one this run cannot see
            awaitProgress(sync, first, "scanned", 2);
            sync.a().products.update(ids.get(0), NODES.objectNode().put("price", 99.0));
            JsonNode firstRun = awaitFinished(sync, first);
            sync.storeA().latency(Duration.ZERO);
            assertThat(firstRun.path("status").asText()).isEqualTo("done");
            assertThat(bySku(sync.b(), "BOOK-0").path("price").asDouble()).isEqualTo(10.0);

            JsonNode next = awaitFinished(sync, start(sync, "{}"));

            assertThat(Instant.parse(next.path("productsSince").asText()))
                    .as("the next run starts at the bookmark: the first run's start")
                    .isEqualTo(Instant.parse(firstRun.path("startedAt").asText()));
            assertThat(next.path("resources").path("products").path("scanned").asLong())
                    .as("only what changed since the bookmark is read")
                    .isLessThan(8);
            assertThat(next.path("resources").path("products").path("queued").asLong())
                    .isEqualTo(1);
            sync.awaitInSync();
            assertThat(bySku(sync.b(), "BOOK-0").path("price").asDouble()).isEqualTo(99.0);
        }
    }

    @Test
    void anAbortStopsTheRunFromQueueingMore() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir)
                .property("storesync.reconcile.page-size", "2")
                .start()) {
            sync.storeA().webhooks().enabled(false);
            for (int i = 0; i < 30; i++) {
                create(sync.a(), product("Unsent Mug " + i, "ABORT-" + i, 10));
            }
            sync.storeA().latency(Duration.ofMillis(100));
            String run = start(sync, "{\"resources\":[\"products\"]}");
            awaitProgress(sync, run, "queued", 2);
            assertThat(sync.service().metric("storesync_reconcile_running")).isEqualTo(1);

            JsonNode asked = ok(sync.service()
                    .post("/admin/api/reconcile/" + run + "/abort", "", Map.of("Content-Type", "application/json")));
            JsonNode aborted = awaitFinished(sync, run);

            assertThat(asked.path("abortRequested").asBoolean()).isTrue();
            assertThat(aborted.path("status").asText()).isEqualTo("aborted");
            long queued =
                    aborted.path("resources").path("products").path("queued").asLong();
            assertThat(queued).isBetween(2L, 29L);
            sync.storeA().latency(Duration.ZERO);
            sync.awaitQuiet();
            long pagesRead = productPages(sync).size();
            assertThat(view(sync, run)
                            .path("resources")
                            .path("products")
                            .path("queued")
                            .asLong())
                    .isEqualTo(queued);
            assertThat(productPages(sync)).as("no page is read after the abort").hasSize((int) pagesRead);
            assertThat(sync.service().queue().countByStatus().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(queued);
            refused(
                    sync.service()
                            .post(
                                    "/admin/api/reconcile/" + run + "/abort",
                                    "",
                                    Map.of("Content-Type", "application/json")),
                    409,
                    "is aborted");
            assertThat(sync.service().metric("storesync_reconcile_runs_total{outcome=\"aborted\"}"))
                    .isEqualTo(1);
            assertThat(sync.service().metric("storesync_reconcile_running")).isZero();
        }
    }

    @Test
    void aRunStoppedMidwayResumesWithoutRedoingFinishedPages() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir)
                .property("storesync.reconcile.page-size", "2")
                .start()) {
            sync.storeA().webhooks().enabled(false);
            for (int i = 0; i < 20; i++) {
                create(sync.a(), product("Resumed Mug " + i, "RESUME-" + i, 10));
            }
            sync.storeA().latency(Duration.ofMillis(100));
            String run = start(sync, "{\"resources\":[\"products\"],\"dryRun\":true}");
            awaitProgress(sync, run, "scanned", 6);

            sync.restartService();
            sync.storeA().latency(Duration.ZERO);
            JsonNode resumed = awaitFinished(sync, run);

            assertThat(resumed.path("status").asText()).isEqualTo("done");
            assertThat(resumed.path("resources")
                            .path("products")
                            .path("scanned")
                            .asLong())
                    .isEqualTo(20);
            assertThat(resumed.path("driftCount").asLong()).isEqualTo(20);
            List<String> cursors = productPages(sync);
            // ten pages of two; the last one's meta.pagination says there are no more
            assertThat(cursors.stream().distinct()).hasSize(10);
            assertThat(cursors)
                    .as("each page is read once, but the one in flight at the stop")
                    .hasSizeBetween(10, 11);
        }
    }

    @Test
    void aLimitedRunTakesTheMostRecentlyModifiedProducts() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir).start()) {
            sync.storeA().webhooks().enabled(false);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ids.add(create(sync.a(), product("Limited Mug " + i, "LIMIT-" + i, 10)));
            }
            sync.a().products.update(ids.get(1), NODES.objectNode().put("price", 20.0));
            sync.a().products.update(ids.get(4), NODES.objectNode().put("price", 21.0));

            JsonNode run =
                    awaitFinished(sync, start(sync, "{\"resources\":[\"products\"],\"limit\":2,\"dryRun\":true}"));

            assertThat(run.path("status").asText()).isEqualTo("done");
            assertThat(run.path("resources").path("products").path("total").asLong())
                    .isEqualTo(2);
            assertThat(run.path("resources").path("products").path("scanned").asLong())
                    .isEqualTo(2);
            List<Long> drift = new ArrayList<>();
            run.path("drift").forEach(d -> drift.add(d.path("storeAId").asLong()));
            assertThat(drift).containsExactlyInAnyOrder(ids.get(1), ids.get(4));
        }
    }

    @Test
    void aHookFoundDeactivatedStartsOneRunThatCoversTheGap() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir).start()) {
            long mugId = create(sync.a(), product("Gap Mug", "GAP-1", 10));
            sync.awaitInSync();
            // as BigCommerce does after 48 hours of failed deliveries; the edit below then fires nothing
            List<ObjectNode> hooks = sync.a().hooks.list(ALL).items();
            hooks.forEach(hook -> sync.a().hooks.deactivate(hook.path("id").asLong()));
            Instant deactivated = sync.a().hooks.list(ALL).items().stream()
                    .map(hook -> Instant.ofEpochSecond(hook.path("updated_at").asLong()))
                    .min(Instant::compareTo)
                    .orElseThrow();
            int deliveries = sync.storeA().webhooks().deliveries().size();
            sync.a().products.update(mugId, NODES.objectNode().put("price", 14.0));

            assertThat(sync.storeA().webhooks().deliveries()).hasSize(deliveries);
            // the hook check at start-up finds the hooks deactivated, re-activates them and covers the gap
            sync.restartService();
            await().atMost(Duration.ofSeconds(60)).until(() -> !runs(sync).isEmpty());
            JsonNode run = awaitFinished(sync, runs(sync).get(0).path("runId").asText());

            assertThat(run.path("status").asText()).isEqualTo("done");
            assertThat(run.path("trigger").asText()).isEqualTo("hook-gap");
            assertThat(Instant.parse(run.path("productsSince").asText()))
                    .as("from the deactivation, less the overlap window")
                    .isEqualTo(deactivated.minus(Duration.ofMinutes(15)));
            sync.awaitInSync();
            assertThat(bySku(sync.b(), "GAP-1").path("price").asDouble()).isEqualTo(14.0);
            assertThat(sync.a().hooks.list(ALL).items())
                    .allSatisfy(hook ->
                            assertThat(hook.path("is_active").asBoolean()).isTrue());

            // the next hourly check (the register-hooks route's two steps) finds nothing new: no second run
            assertThat(sync.service()
                            .bean("hookLifecycle", HookLifecycle.class)
                            .reconcile()
                            .reactivated())
                    .isZero();
            sync.service().bean("reconciler", Reconciler.class).coverHookGap();
            assertThat(runs(sync)).hasSize(1);
            assertThat(sync.service()
                            .db()
                            .getCollection("settings")
                            .countDocuments(new org.bson.Document("_id", HookLifecycle.GAP_SINCE)))
                    .isZero();
        }
    }

    @Test
    void theScheduleStartsRunsOnItsCron() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir)
                .property("storesync.reconcile.cron", "0/2 * * * * ?")
                .start()) {
            sync.storeA().webhooks().enabled(false);
            create(sync.a(), product("Night Mug", "NIGHT-1", 10));

            await().atMost(Duration.ofSeconds(60)).until(() -> countBySku(sync.b(), "NIGHT-1") == 1);

            assertThat(runs(sync))
                    .isNotEmpty()
                    .allSatisfy(run -> assertThat(run.path("trigger").asText()).isEqualTo("nightly"));
            sync.awaitInSync();
        }
    }

    @Test
    void badRequestsAreRefused() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir).start()) {
            refused(post(sync, "{\"resources\":[\"orders\"]}"), 400, "unknown resource");
            refused(post(sync, "{\"limit\":0}"), 400, "limit must be a whole number");
            refused(post(sync, "{\"since\":\"yesterday\"}"), 400, "since must be an ISO-8601 instant");
            refused(post(sync, "{\"dryRun\":true,\"backfill\":true}"), 400, "cannot be combined with backfill");
            refused(post(sync, "{\"force\":\"yes\"}"), 400, "force must be true or false");
            refused(post(sync, "{\"colour\":1}"), 400, "unknown field 'colour'");
            refused(post(sync, "[1,2]"), 400, "must be a JSON object");
            refused(post(sync, "{oops"), 400, "not valid JSON");
            refused(sync.service().get(sync.service().port(), "/admin/api/reconcile/r-none"), 404, "no reconcile run");
            assertThat(ok(sync.service().get(sync.service().port(), "/admin/api/reconcile")))
                    .isEmpty();
        }
    }

    static String start(SyncHarness sync, String body) throws Exception {
        return ok(post(sync, body)).path("runId").asText();
    }

    static HttpResponse<String> post(SyncHarness sync, String body) {
        return sync.service().post("/admin/api/reconcile", body, Map.of("Content-Type", "application/json"));
    }

    /** The runs the admin API lists, newest first. */
    private static List<JsonNode> runs(SyncHarness sync) throws Exception {
        List<JsonNode> runs = new ArrayList<>();
        ok(sync.service().get(sync.service().port(), "/admin/api/reconcile")).forEach(runs::add);
        return runs;
    }

    static JsonNode view(SyncHarness sync, String runId) throws Exception {
        return ok(sync.service().get(sync.service().port(), "/admin/api/reconcile/" + runId));
    }

    /** Waits until the run's products have come this far; fails at once if the run ended first. */
    static void awaitProgress(SyncHarness sync, String runId, String count, long atLeast) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    JsonNode run = view(sync, runId);
                    if (!run.path("status").asText().equals("running")) {
                        throw new AssertionError("the run ended first: " + run);
                    }
                    return run.path("resources").path("products").path(count).asLong() >= atLeast;
                });
    }

    static JsonNode awaitFinished(SyncHarness sync, String runId) throws Exception {
        return awaitFinished(sync, runId, Duration.ofSeconds(120));
    }

    static JsonNode awaitFinished(SyncHarness sync, String runId, Duration patience) throws Exception {
        await().atMost(patience)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !view(sync, runId).path("status").asText().equals("running"));
        return view(sync, runId);
    }

    /** The {@code id:greater} cursor of every page of products a run read from Store A. */
    private static List<String> productPages(SyncHarness sync) {
        return sync.storeA().requests().entries().stream()
                .filter(r -> r.operation().equals("GET /catalog/products"))
                .map(r -> CURSOR.matcher(r.query()))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
    }

    private static long writes(SyncHarness sync) {
        return sync.storeB().requests().writes();
    }

    private static long lastId(List<ObjectNode> items) {
        return items.get(items.size() - 1).path("id").asLong();
    }

    private static long valueId(JsonNode option, String label) {
        for (JsonNode value : option.path("option_values")) {
            if (value.path("label").asText().equals(label)) {
                return value.path("id").asLong();
            }
        }
        throw new AssertionError("no value " + label);
    }

    static JsonNode ok(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static void refused(HttpResponse<String> answer, int status, String message) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(JSON.readTree(answer.body()).path("message").asText()).contains(message);
    }
}
