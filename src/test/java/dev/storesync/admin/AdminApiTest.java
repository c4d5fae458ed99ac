package dev.storesync.admin;

import static dev.storesync.testsupport.CatalogBuilder.brand;
import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.categoryIn;
import static dev.storesync.testsupport.CatalogBuilder.countBySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.persistence.EmbeddedMongoServer;
import dev.storesync.queue.TaskStatus;
import dev.storesync.testsupport.EndToEndTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.spi.RouteController;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of /admin/api, with bad input; on loopback without ADMIN_USER, as a local operator. */
class AdminApiTest extends EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void statusShowsBacklogFlowHooksAndFailures() throws Exception {
        create(sync.a(), product("Status Mug", "STATUS-1", 10));
        sync.awaitInSync();

        JsonNode status = ok(get("/admin/api/status"));

        assertThat(status.path("tasks").path("done").asLong()).isPositive();
        assertThat(status.path("tasks").has("dead")).isTrue();
        assertThat(status.path("oldestPendingAgeSecs").asLong()).isZero();
        assertThat(status.path("events").path("stored").asLong()).isPositive();
        assertThat(status.path("events").path("lastMinute").asLong()).isPositive();
        assertThat(status.path("syncs").path("lastMinute").asLong()).isPositive();
        assertThat(status.path("syncs").path("lastSyncAt").asText()).isNotEmpty();
        assertThat(status.path("hooks").path("managed").asBoolean()).isTrue();
        assertThat(status.path("hooks").path("active").asInt()).isEqualTo(14);
        assertThat(status.path("recentFailures").isArray()).isTrue();
    }

    @Test
    void tasksAreListedByStatusAndBadFiltersAreRefused() throws Exception {
        create(sync.a(), product("Listed Mug", "LISTED-1", 10));
        sync.awaitInSync();

        JsonNode done = ok(get("/admin/api/tasks?status=done&limit=500"));
        assertThat(done)
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.path("status").asText()).isEqualTo("done"));
        assertThat(ok(get("/admin/api/tasks?limit=1"))).hasSize(1);

        refused(get("/admin/api/tasks?status=finished"), 400, "status must be one of");
        refused(get("/admin/api/tasks?limit=0"), 400, "limit must be a whole number from 1 to 500");
        refused(get("/admin/api/tasks?limit=many"), 400, "limit must be");
    }

    @Test
    void whatTheAnswerSaysIsQueuedSurvivesACrashRightAfterIt(@TempDir Path crashImage) throws Exception {
        RouteController routes = sync.service().context().getRouteController();
        List<String> dispatch = List.of("dispatch-on-wakeup", "dispatch-on-schedule", "redelivery");
        for (String route : dispatch) {
            routes.suspendRoute(route); // nothing syncs (and commits) the task after the answer
        }
        try {
            long id = 987_001;
            ok(post("/admin/api/sync/product/" + id));
            // the file as a crash right now would leave it
            Files.copy(dataDir.resolve("storesync.mv.db"), crashImage.resolve("storesync.mv.db"));

            try (EmbeddedMongoServer image = EmbeddedMongoServer.start(crashImage);
                    MongoClient client = MongoClients.create(image.clientSettings())) {
                assertThat(client.getDatabase("storesync")
                                .getCollection(CollectionNames.SYNC_TASKS)
                                .find(new org.bson.Document("_id", "storeb:product:" + id))
                                .first())
                        .isNotNull();
            }
        } finally {
            for (String route : dispatch) {
                routes.resumeRoute(route);
            }
        }
    }

    @Test
    void aResourceCanBeSyncedOnDemand() throws Exception {
        sync.storeA().webhooks().enabled(false);
        long id = create(sync.a(), product("Quiet Mug", "ONDEMAND-1", 10));
        sync.storeA().webhooks().enabled(true);
        assertThat(countBySku(sync.b(), "ONDEMAND-1")).as("no webhook, no sync").isZero();

        JsonNode queued = ok(post("/admin/api/sync/product/" + id));

        assertThat(queued.path("queued").asText()).isEqualTo("storeb:product:" + id);
        sync.awaitInSync();
        refused(post("/admin/api/sync/variant/" + id), 400, "resource type must be one of");
        refused(post("/admin/api/sync/product/0"), 400, "a Store A id is a positive whole number");
        refused(post("/admin/api/sync/product/abc"), 400, "a Store A id is a positive whole number");
    }

    @Test
    void theDiffSaysWhatASyncWouldWriteAndWritesNothing() throws Exception {
        long existing = create(sync.a(), product("Diff Mug", "DIFF-1", 10));
        sync.awaitInSync();
        long inB = bySku(sync.b(), "DIFF-1").path("id").asLong();
        sync.storeA().webhooks().enabled(false);
        sync.a().products.update(existing, NODES.objectNode().put("price", 12.5));
        long fjord = brand(sync.a(), "Diff Brand");
        long shelf = categoryIn(sync.a(), 0, "Diff Shelf");
        ObjectNode fresh = product("Diff Lamp", "DIFF-2", 30).put("brand_id", fjord);
        fresh.putArray("categories").add(shelf);
        long unsynced = create(sync.a(), fresh);
        sync.clearRequestCounts();

        JsonNode change = ok(get("/admin/api/diff/products/" + existing));
        JsonNode creation = ok(get("/admin/api/diff/products/" + unsynced));
        JsonNode gone = ok(get("/admin/api/diff/products/999999"));

        assertThat(change.path("storeBId").asLong()).isEqualTo(inB);
        assertThat(change.path("writes")).hasSize(1);
        assertThat(change.path("writes").get(0).path("method").asText()).isEqualTo("PUT");
        assertThat(change.path("writes").get(0).path("path").asText()).isEqualTo("/catalog/products/" + inB);
        assertThat(change.path("writes").get(0).path("body"))
                .isEqualTo(NODES.objectNode().put("price", 12.5));
        assertThat(creation.path("storeBId").isNull()).isTrue();
        assertThat(creation.path("wouldCreate").toString()).contains("brand 'Diff Brand'", "category 'Diff Shelf'");
        assertThat(creation.path("writes").get(0).path("path").asText()).isEqualTo("/catalog/products");
        assertThat(gone.path("deletedInStoreA").asBoolean()).isTrue();
        assertThat(sync.storeB().requests().writes()).as("a dry run").isZero();
        assertThat(sync.b()
                        .brands
                        .list(new dev.storesync.sandbox.catalog.ListQuery(Map.of("name", "Diff Brand")))
                        .total())
                .isZero();
        refused(get("/admin/api/diff/products/-4"), 400, "positive whole number");

        sync.storeA().webhooks().enabled(true);
        ok(post("/admin/api/sync/product/" + existing));
        ok(post("/admin/api/sync/product/" + unsynced));
        sync.awaitInSync();
    }

    @Test
    void aReplayedDeadLetterSyncs() throws Exception {
        long id = create(sync.a(), product("Skuless Mug", "", 10));
        String task = "storeb:product:" + id;
        awaitDead(task);
        refused(get("/admin/api/diff/products/" + id), 422, "has no SKU");
        sync.storeA().webhooks().enabled(false);
        sync.a().products.update(id, NODES.objectNode().put("sku", "REPLAYED-1"));
        sync.storeA().webhooks().enabled(true);

        JsonNode replayed = ok(post("/admin/api/tasks/" + task + "/replay"));

        assertThat(replayed.path("replayed").asText()).isEqualTo(task);
        sync.awaitInSync();
        assertThat(countBySku(sync.b(), "REPLAYED-1")).isEqualTo(1);
        refused(post("/admin/api/tasks/" + task + "/replay"), 409, "is done, not a dead letter");
        refused(post("/admin/api/tasks/storeb:product:987654/replay"), 404, "no task storeb:product:987654");
        refused(post("/admin/api/tasks/not-a-task/replay"), 400, "a task id looks like storeb:product:12");
    }

    @Test
    void allDeadLettersCanBeReplayedAtOnce() throws Exception {
        long first = create(sync.a(), product("Skuless Cup", "", 10));
        long second = create(sync.a(), product("Skuless Bowl", "", 10));
        awaitDead("storeb:product:" + first);
        awaitDead("storeb:product:" + second);
        sync.storeA().webhooks().enabled(false);
        sync.a().products.update(first, NODES.objectNode().put("sku", "REPLAYED-2"));
        sync.a().products.update(second, NODES.objectNode().put("sku", "REPLAYED-3"));
        sync.storeA().webhooks().enabled(true);

        JsonNode replayed = ok(post("/admin/api/dead-letters/replay"));

        assertThat(replayed.path("replayed").asLong()).isEqualTo(2);
        sync.awaitInSync();
    }

    private void awaitDead(String task) {
        await().atMost(Duration.ofSeconds(60)).until(() -> sync.service()
                .queue()
                .find(task)
                .map(t -> t.status() == TaskStatus.DEAD)
                .orElse(false));
    }

    private HttpResponse<String> get(String path) {
        return sync.service().get(sync.service().port(), path);
    }

    private HttpResponse<String> post(String path) {
        return sync.service().post(path, "", Map.of("Content-Type", "application/json"));
    }

    private static JsonNode ok(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return JSON.readTree(answer.body());
    }

    private static void refused(HttpResponse<String> answer, int status, String message) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("error").asText()).isNotEmpty();
        assertThat(body.path("message").asText()).contains(message);
    }
}
