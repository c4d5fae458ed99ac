package dev.storesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.bigcommerce.ChannelListing;
import dev.storesync.bigcommerce.PermanentApiException;
import dev.storesync.bigcommerce.RateLimitedException;
import dev.storesync.bigcommerce.TransientApiException;
import dev.storesync.queue.PermanentSyncException;
import dev.storesync.queue.RetryableSyncException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Small rules of the sync, each in isolation. */
class SyncRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "Store A {0}, listing {1} -> {2}")
    @CsvSource({
        "available, active, available",
        "preorder, active, preorder",
        "disabled, active, available",
        "available, disabled, disabled",
        "available, none, disabled",
        "preorder, none, disabled"
    })
    void availabilityFollowsTheChannelListing(String storeA, String listing, String expected) {
        boolean listedActively = new ChannelListing(1, 2, 3, listing).active();

        assertThat(AvailabilityRule.availability(storeA, listedActively)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10 | 10.00 | true",
                "10.5 | 10.50 | true",
                "10.5 | 10.49 | false",
                "null | {} | false",
                "null | null | true",
                "\"a\" | \"a\" | true",
                "[1,2] | [1.0,2] | true",
                "[1,2] | [2,1] | false",
                "{\"url\":\"/x/\",\"is_customized\":true} | {\"is_customized\":true,\"url\":\"/x/\"} | true"
            })
    void valuesCompareAsTheStoreMeansThem(String a, String b, boolean same) throws Exception {
        assertThat(JsonValues.same(JSON.readTree(a), JSON.readTree(b))).isEqualTo(same);
    }

    @Test
    void aMissingFieldIsNull() throws Exception {
        JsonNode object = JSON.readTree("{\"a\":null}");

        assertThat(JsonValues.same(object.get("a"), object.path("b"))).isTrue();
    }

    @Test
    void metafieldsAreSyncedOnlyWhenAMetafieldChangedOrAReconcileAsks() {
        assertThat(SyncHints.wantsMetafields(Set.of("store/product/updated"))).isFalse();
        assertThat(SyncHints.wantsMetafields(Set.of("store/product/updated", "store/product/metafield/created")))
                .isTrue();
        assertThat(SyncHints.wantsMetafields(Set.of("reconcile"))).isTrue();
    }

    @Test
    void storeFailuresTellTheQueueWhatToDo() {
        RuntimeException limited = RouteTaskHandler.translate(new CamelExecutionException(
                "failed", null, new RateLimitedException("B", "GET /catalog/products", Duration.ofSeconds(7))));
        RuntimeException down = RouteTaskHandler.translate(
                new TransientApiException("A", "GET /catalog/products/5", 503, "Store A failed 3 times", null));
        RuntimeException refused = RouteTaskHandler.translate(new PermanentApiException(
                "B", "POST /catalog/products", 422, "Store B refused POST /catalog/products (422 x)", Map.of()));
        RuntimeException ours = RouteTaskHandler.translate(
                new CamelExecutionException("failed", null, new PermanentSyncException("no SKU")));

        assertThat(limited).isInstanceOfSatisfying(RetryableSyncException.class, e -> assertThat(e.retryAfter())
                .isEqualTo(Duration.ofSeconds(7)));
        assertThat(down).isInstanceOf(RetryableSyncException.class).hasMessage("Store A failed 3 times");
        assertThat(refused)
                .isInstanceOf(PermanentSyncException.class)
                .hasMessage("Store B refused POST /catalog/products (422 x)");
        assertThat(ours).isInstanceOf(PermanentSyncException.class).hasMessage("no SKU");
    }
}
