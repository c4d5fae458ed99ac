package dev.storesync.reconcile;

import static dev.storesync.reconcile.ReconcileTest.awaitFinished;
import static dev.storesync.reconcile.ReconcileTest.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.sandbox.CatalogSeeder;
import dev.storesync.testsupport.SyncHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store A answers at most ten products a page when they are read with their options (products spec, {@code include}):
 * reconcile runs page to the end of the listing all the same, limited or not.
 */
class ReconcilePagingTest {
    private static final int PRODUCTS = 25;

    @TempDir
    Path dir;

    @Test
    void everyProductIsComparedTenAtATimeAndArrives() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir).start()) {
            sync.storeA().webhooks().enabled(false);
            CatalogSeeder.seed(sync.a(), PRODUCTS, 11);

            JsonNode limited = awaitFinished(sync, start(sync, "{\"limit\":" + PRODUCTS + ",\"dryRun\":true}"));
            assertThat(products(limited).path("scanned").asLong())
                    .as("a limited run")
                    .isEqualTo(PRODUCTS);
            assertThat(products(limited).path("differing").asLong()).isEqualTo(PRODUCTS);

            JsonNode full = awaitFinished(sync, start(sync, "{}"));
            assertThat(full.path("status").asText()).isEqualTo("done");
            assertThat(products(full).path("scanned").asLong()).isEqualTo(PRODUCTS);
            assertThat(products(full).path("queued").asLong()).isEqualTo(PRODUCTS);
            sync.awaitInSync();
        }
    }

    private static JsonNode products(JsonNode run) {
        return run.path("resources").path("products");
    }
}
