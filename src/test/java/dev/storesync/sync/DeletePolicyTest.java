package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.categoryIn;
import static dev.storesync.testsupport.CatalogBuilder.countBySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.config.DeletePolicy;
import dev.storesync.queue.SyncTask;
import dev.storesync.queue.TaskStatus;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A product and a category deleted in Store A, under each DELETE_POLICY. */
class DeletePolicyTest {
    @Test
    void aStoreAThatAnswers404ForEverythingDeletesNothing() {
        try (SyncHarness sync = SyncHarness.builder(dataDir)
                .deletePolicy(DeletePolicy.DELETE)
                .channel(false)
                .contractLog(getClass().getSimpleName())
                .start()) {
            long id = create(sync.a(), product("Still Here", "KEEP-1", 30));
            sync.awaitInSync();

            // as with a mistyped STORE_A_HASH: every read of Store A is a 404
            sync.simulator().removeStore("storea");
            sync.enqueue("product", id, "store/product/updated");

            await().atMost(Duration.ofSeconds(30)).until(() -> sync.service()
                    .queue()
                    .find("storeb:product:" + id)
                    .flatMap(SyncTask::lastError)
                    .isPresent());
            SyncTask task = sync.service().queue().find("storeb:product:" + id).orElseThrow();
            assertThat(task.status()).isIn(TaskStatus.RETRY, TaskStatus.IN_PROGRESS, TaskStatus.PENDING);
            assertThat(task.lastError().orElseThrow().message())
                    .startsWith("Store A answers 404 for product " + id + " and for its whole catalog");
            assertThat(countBySku(sync.b(), "KEEP-1")).isEqualTo(1);
        }
    }

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(DeletePolicy.class)
    void deletesFollowThePolicy(DeletePolicy policy) {
        try (SyncHarness sync = SyncHarness.builder(dataDir)
                .deletePolicy(policy)
                .channel(false)
                .contractLog(getClass().getSimpleName())
                .start()) {
            long category = categoryIn(sync.a(), 0, "Clearance");
            ObjectNode body = product("Last Lamp", "GONE-1", 30);
            body.putArray("categories").add(category);
            long id = create(sync.a(), body);
            sync.awaitInSync();
            long categoryInB =
                    bySku(sync.b(), "GONE-1").path("categories").get(0).asLong();

            sync.a().products.delete(id);
            sync.a().categories.deleteMatching(new ListQuery(Map.of("category_id:in", Long.toString(category))));

            sync.awaitInSync();
            List<ObjectNode> categoriesInB = sync.b()
                    .categories
                    .list(new ListQuery(Map.of("category_id:in", Long.toString(categoryInB))))
                    .items();
            switch (policy) {
                case DELETE -> {
                    assertThat(countBySku(sync.b(), "GONE-1")).isZero();
                    assertThat(categoriesInB).isEmpty();
                }
                case DISABLE -> {
                    ObjectNode inB = bySku(sync.b(), "GONE-1");
                    assertThat(inB.path("is_visible").asBoolean()).isFalse();
                    assertThat(inB.path("availability").asText()).isEqualTo("disabled");
                    assertThat(categoriesInB.get(0).path("is_visible").asBoolean())
                            .isFalse();
                }
                case IGNORE -> {
                    assertThat(bySku(sync.b(), "GONE-1").path("is_visible").asBoolean())
                            .isTrue();
                    assertThat(categoriesInB.get(0).path("is_visible").asBoolean())
                            .isTrue();
                }
            }
        }
    }
}
