package dev.storesync.reconcile;

import static dev.storesync.reconcile.ReconcileTest.awaitFinished;
import static dev.storesync.reconcile.ReconcileTest.start;
import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.queue.TaskStatus;
import dev.storesync.sandbox.CatalogSeeder;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A first import: 1,000 seeded products into an empty Store B that allows 20 requests per half second. The backfill
 * keeps that budget busy without a single 429, and fails nothing; a second backfill of price changes goes out in
 * batches.
 */
class BackfillTest {
    @TempDir
    Path dir;

    @Test
    void aThousandProductsArriveUnderTheQuotaWithoutFailures() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir)
                .storeBQuota(20, Duration.ofMillis(500))
                .contractLog("BackfillTest")
                .start()) {
            sync.storeA().webhooks().enabled(false);
            CatalogSeeder.seed(sync.a(), 1_000, 7);

            JsonNode run = awaitFinished(sync, start(sync, "{\"backfill\":true}"), Duration.ofMinutes(8));

            JsonNode products = run.path("resources").path("products");
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("done");
            assertThat(products.path("scanned").asLong()).isEqualTo(1_000);
            assertThat(products.path("written").asLong()).isGreaterThanOrEqualTo(1_000);
            assertThat(products.path("queued").asLong())
                    .as("nothing handed over to the queue")
                    .isZero();
            assertThat(rateLimited(sync)).as("no call met a 429").isZero();
            sync.awaitInSync();
            Map<TaskStatus, Long> tasks = sync.service().queue().countByStatus();
            assertThat(tasks.getOrDefault(TaskStatus.RETRY, 0L)).isZero();
            assertThat(tasks.getOrDefault(TaskStatus.DEAD, 0L)).isZero();

            List<Long> ids = sync.a().products.list(new ListQuery(Map.of("limit", "30"))).items().stream()
                    .map(p -> p.path("id").asLong())
                    .toList();
            for (long id : ids) {
                ObjectNode change = JsonNodeFactory.instance.objectNode().put("price", 1234.5);
                sync.a().products.update(id, change);
            }
            sync.storeB().requests().clear();

            JsonNode second = awaitFinished(sync, start(sync, "{\"backfill\":true}"), Duration.ofMinutes(2));

            assertThat(second.path("resources")
                            .path("products")
                            .path("differing")
                            .asLong())
                    .isEqualTo(30);
            List<RequestLog.Entry> writes = sync.storeB().requests().entries().stream()
                    .filter(RequestLog.Entry::write)
                    .toList();
            assertThat(writes)
                    .as("thirty price changes in three batches of ten")
                    .extracting(RequestLog.Entry::operation)
                    .containsExactly("PUT /catalog/products", "PUT /catalog/products", "PUT /catalog/products");
            assertThat(writes).allSatisfy(w -> assertThat(w.body().size()).isEqualTo(10));
            sync.awaitInSync();
        }
    }

    @Test
    void aBatchThatStoreBTakesOnlyInPartIsHandedToTheQueueItemByItem() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir).start()) {
            List<Long> ids = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                ids.add(create(sync.a(), product("Batch Lamp " + i, "BATCH-" + i, 10 + i)));
            }
            sync.awaitInSync();
            ObjectNode theirs = product("Storm Lantern", "LANTERN-B", 30);
            theirs.putObject("custom_url").put("url", "/taken/").put("is_customized", true);
            long other = create(sync.b(), theirs);
            sync.storeA().webhooks().enabled(false);
            ObjectNode taken = JsonNodeFactory.instance.objectNode();
            taken.putObject("custom_url").put("url", "/taken/").put("is_customized", true);
            sync.a().products.update(ids.get(0), taken);
            sync.a()
                    .products
                    .update(ids.get(1), JsonNodeFactory.instance.objectNode().put("price", 21));
            sync.a()
                    .products
                    .update(ids.get(2), JsonNodeFactory.instance.objectNode().put("price", 22));

            JsonNode run = awaitFinished(sync, start(sync, "{\"backfill\":true,\"resources\":[\"products\"]}"));

            assertThat(run.path("status").asText()).isEqualTo("done");
            assertThat(run.path("resources").path("products").path("queued").asLong())
                    .as("the batch Store B took only in part goes to the queue, item by item")
                    .isEqualTo(3);
            String task = "storeb:product:" + ids.get(0);
            await().atMost(Duration.ofSeconds(60)).until(() -> sync.service()
                    .queue()
                    .find(task)
                    .map(t -> t.status() == TaskStatus.DEAD)
                    .orElse(false));
            assertThat(sync.service()
                            .queue()
                            .find(task)
                            .orElseThrow()
                            .lastError()
                            .orElseThrow()
                            .message())
                    .endsWith("custom_url: The URL /taken/ is taken by product " + other);
            assertThat(bySku(sync.b(), "BATCH-2").path("price").asDouble()).isEqualTo(21);
            assertThat(bySku(sync.b(), "BATCH-3").path("price").asDouble()).isEqualTo(22);
        }
    }

    private static long rateLimited(SyncHarness sync) {
        return sync.storeB().requests().entries().stream()
                .filter(e -> e.status() == 429)
                .count();
    }
}
