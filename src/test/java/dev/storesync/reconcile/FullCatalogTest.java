package dev.storesync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.sandbox.CatalogSeeder;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.SyncHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole catalog through a reconcile into an empty Store B, on a store as strict as the specs: every product arrives,
 * and then a second reconcile, and a second sync of every product, write nothing at all.
 */
class FullCatalogTest {
    private static final int PRODUCTS = 1_000;

    @TempDir
    Path dir;

    @Test
    void aThousandProductsArriveAndASecondPassWritesNothing() {
        try (SyncHarness sync =
                SyncHarness.builder(dir).contractLog("FullCatalogTest").start()) {
            sync.storeA().webhooks().enabled(false);
            CatalogSeeder.seed(sync.a(), PRODUCTS, 21);

            JsonNode first = sync.reconcile("{}");
            sync.awaitInSync(Duration.ofMinutes(5));

            assertThat(first.path("status").asText()).isEqualTo("done");
            assertThat(first.path("resources").path("products").path("scanned").asLong())
                    .isEqualTo(PRODUCTS);
            sync.clearRequestCounts();

            JsonNode second = sync.reconcile("{\"force\":true}");
            sync.awaitQuiet();

            assertThat(second.path("driftCount").asLong())
                    .as(second.path("drift").toString())
                    .isZero();
            assertThat(sync.storeB().requests().writes())
                    .as("a second reconcile")
                    .isZero();

            sync.a()
                    .products
                    .list(new ListQuery(Map.of("limit", "250", "page", "1")))
                    .items()
                    .forEach(p -> sync.enqueue("product", p.path("id").asLong(), "reconcile"));
            sync.awaitQuiet();

            assertThat(sync.storeB().requests().writes())
                    .as("a second sync of 250 products, metafields included")
                    .isZero();
            sync.awaitInSync();
        }
    }
}
