package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.sandbox.SimulatedStore;
import dev.storesync.testsupport.EndToEndTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A product's sync reads its channel listing and Store B's product (by the id map) while it reads the product from
 * Store A: with every answer a second late, each of those reads reaches its store before the product read is
 * answered. One after another, none would.
 */
class ConcurrentReadsTest extends EndToEndTest {
    private static final Duration LATE = Duration.ofSeconds(1);

    @Test
    void theReadsThatDependOnlyOnTheIdOverlapTheProductRead() {
        long id = create(sync.a(), product("Tin Mug", "MUG-1", 9));
        sync.awaitInSync();
        sync.storeA().latency(LATE);
        sync.storeB().latency(LATE);
        try {
            sync.storeA().requests().clear();
            sync.storeB().requests().clear();
            sync.a().products.update(id, JsonNodeFactory.instance.objectNode().put("price", 11));
            sync.awaitInSync(Duration.ofSeconds(60));
        } finally {
            sync.storeA().latency(Duration.ZERO);
            sync.storeB().latency(Duration.ZERO);
        }
        assertThat(bySku(sync.b(), "MUG-1").path("price").asDouble()).isEqualTo(11);

        RequestLog.Entry productRead = first(sync.storeA(), e -> e.path().endsWith("/catalog/products/" + id));
        RequestLog.Entry listingRead = first(sync.storeA(), e -> e.path().endsWith("/listings"));
        RequestLog.Entry mappedRead = first(sync.storeB(), e -> e.path().matches(".*/catalog/products/\\d+"));
        assertThat(overlap(listingRead, productRead))
                .as("the listing is read meanwhile")
                .isTrue();
        assertThat(overlap(mappedRead, productRead))
                .as("Store B's product is read meanwhile")
                .isTrue();
    }

    /** Whether each request arrived before the other was answered. */
    private static boolean overlap(RequestLog.Entry a, RequestLog.Entry b) {
        return a.ts().isBefore(answered(b)) && b.ts().isBefore(answered(a));
    }

    private static Instant answered(RequestLog.Entry request) {
        return request.ts().plusMillis(request.ms());
    }

    private static RequestLog.Entry first(SimulatedStore store, Predicate<RequestLog.Entry> which) {
        List<RequestLog.Entry> reads = store.requests().entries().stream()
                .filter(e -> e.method().equals("GET"))
                .filter(which)
                .toList();
        assertThat(reads).as("reads of %s", store.hash()).isNotEmpty();
        return reads.get(0);
    }
}
