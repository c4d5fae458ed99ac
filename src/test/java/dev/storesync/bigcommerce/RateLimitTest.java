package dev.storesync.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.sandbox.RequestLog;
import dev.storesync.testsupport.StoreFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rate-limit gate against the simulated store's quota. Timing is asserted only with the simulator's own request
 * timestamps and headers, never with a wall-clock bound.
 */
class RateLimitTest {
    record ProductRef(long id, String sku) {}

    private StoreFixture store;

    @BeforeEach
    void start() {
        store = StoreFixture.start(getClass().getSimpleName());
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void after429TheNextRequestIsSentOnlyAfterTheReset() {
        store.store().quota(5, Duration.ofMillis(1_000));
        for (int i = 0; i < 5; i++) {
            // another app of the store spends the whole quota
            store.store().serve("GET", "/catalog/products", "", null, StoreFixture.TOKEN, null);
        }
        BigCommerceClient client = store.client();

        assertThat(client.getAll("/catalog/products", Query.empty(), ProductRef.class))
                .isEmpty();

        List<RequestLog.Entry> entries = store.requests().entries();
        assertThat(entries).extracting(RequestLog.Entry::status).containsExactly(429, 200);
        RequestLog.Entry refused = entries.get(0);
        long resetMs = Long.parseLong(refused.headers().get("X-Rate-Limit-Time-Reset-Ms"));
        long retryAfterMs = Long.parseLong(refused.headers().get("X-Retry-After")) * 1_000;
        assertThat(entries.get(1).ts()).isAfterOrEqualTo(refused.ts().plusMillis(Math.max(resetMs, retryAfterMs)));
        assertThat(store.meters()
                        .get("storesync_api_rate_limited")
                        .tag("store", "A")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void eightWorkersSharingASmallQuotaNeverFail() throws Exception {
        store.store().quota(30, Duration.ofMillis(400));
        BigCommerceClient client = store.client();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int worker = 0; worker < 8; worker++) {
                results.add(workers.submit(() -> {
                    int done = 0;
                    for (int call = 0; call < 15; call++) {
                        client.getAll("/catalog/products", Query.empty(), ProductRef.class);
                        done++;
                    }
                    return done;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).as("calls a worker completed").isEqualTo(15);
            }
        } finally {
            workers.shutdownNow();
        }

        List<RequestLog.Entry> entries = store.requests().entries();
        long refused = entries.stream().filter(e -> e.status() == 429).count();
        assertThat(entries.stream().filter(e -> e.status() == 200)).hasSize(120);
        // the gate spreads the quota; without it the workers would burn through each window in a burst
        assertThat(refused).as("429s across 120 calls").isLessThanOrEqualTo(8);
    }

    @Test
    void theShareReservedForOtherAppsIsLeftAlone() {
        store.store().quota(20, Duration.ofMillis(1_500));
        BigCommerceClient client = store.clientLeaving(0.25);

        for (int call = 0; call < 30; call++) {
            client.getAll("/catalog/products", Query.empty(), ProductRef.class);
        }

        List<RequestLog.Entry> entries = store.requests().entries();
        assertThat(entries).hasSize(30).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(200);
            assertThat(Long.parseLong(e.headers().get("X-Rate-Limit-Requests-Left")))
                    .as("left after a call")
                    .isGreaterThanOrEqualTo(5);
        });
    }
}
