package dev.storesync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.storesync.bigcommerce.ApiRequest;
import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.CatalogRequests;
import dev.storesync.bigcommerce.RateLimitGate;
import dev.storesync.sync.PlannedWrite;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a backfill sizes its concurrency and which planned writes it may merge into batch calls. */
class BackfillRulesTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void concurrencyFollowsTheQuotaAndTheLatency() {
        // 40 requests per second, 100 ms a call: 4 in flight spend it; twice that covers the gaps between calls
        assertThat(Backfill.concurrency(pace(20, 500, 100))).isEqualTo(8);
        // 5 requests per second (150 / 30 s), 100 ms a call: the floor of 2
        assertThat(Backfill.concurrency(pace(150, 30_000, 100))).isEqualTo(2);
        // a generous quota over a slow link: capped at 16
        assertThat(Backfill.concurrency(pace(1_000, 1_000, 400))).isEqualTo(16);
        // before the store has answered once
        assertThat(Backfill.concurrency(pace(-1, 0, 0))).isEqualTo(4);
    }

    @Test
    void onlyFieldChangesAndVariantBatchesAreMerged() {
        assertThat(Backfill.batchable(write(
                        CatalogRequests.updateProduct(12, JSON.objectNode().put("price", 3)))))
                .isTrue();
        assertThat(Backfill.batchable(write(CatalogRequests.updateVariants(JSON.arrayNode()))))
                .isTrue();
        assertThat(Backfill.batchable(write(
                        CatalogRequests.updateProduct(12, JSON.objectNode().set("images", JSON.arrayNode())))))
                .as("images ride only on the single-product update")
                .isFalse();
        assertThat(Backfill.batchable(write(CatalogRequests.createVariant(12, JSON.objectNode()))))
                .isFalse();
        assertThat(Backfill.batchable(write(CatalogRequests.deleteImage(12, 3))))
                .isFalse();
        assertThat(Backfill.batchable(write(CatalogRequests.updateOption(12, 4, JSON.objectNode()))))
                .isFalse();
        assertThat(Backfill.batchable(write(CatalogRequests.updateProducts(JSON.arrayNode()))))
                .as("already a batch")
                .isFalse();
    }

    private static PlannedWrite write(ApiRequest request) {
        return new PlannedWrite(request, new PlannedWrite.Creates.Nothing(), "test");
    }

    private static BigCommerceClient.Pace pace(long quota, long windowMs, long latencyMs) {
        return new BigCommerceClient.Pace(
                new RateLimitGate.Snapshot(quota, windowMs, quota, 0, 0), Duration.ofMillis(latencyMs));
    }
}
