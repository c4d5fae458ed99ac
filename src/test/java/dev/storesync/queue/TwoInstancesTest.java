package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.testsupport.ExternalMongo;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.ScriptedHandler;
import dev.storesync.testsupport.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** G5: two storesync instances on one database never sync one resource at once, and both do work. */
class TwoInstancesTest {
    private static final long PRODUCTS = 20;
    private static final int EVENTS_PER_PRODUCT = 10;

    @TempDir
    Path dir;

    private static ScriptedHandler.Behaviour work(CountDownLatch bothBusy, AtomicBoolean started) {
        return task -> {
            if (started.compareAndSet(false, true)) {
                bothBusy.countDown();
            }
            bothBusy.await(30, TimeUnit.SECONDS);
            ScriptedHandler.simulateWork(Duration.ofMillis(15));
        };
    }

    @Test
    void neverSyncOneResourceTwiceAtOnce() throws Exception {
        ScriptedHandler.OverlapTracker overlap = new ScriptedHandler.OverlapTracker();
        // each instance's first call waits for the other's, so both are provably claiming at the same time:
        // otherwise one instance could take all the work and the test would prove nothing about contention
        CountDownLatch bothBusy = new CountDownLatch(2);
        ScriptedHandler onA = new ScriptedHandler("product", overlap).otherwise(work(bothBusy, new AtomicBoolean()));
        ScriptedHandler onB = new ScriptedHandler("product", overlap).otherwise(work(bothBusy, new AtomicBoolean()));

        try (ExternalMongo mongo = ExternalMongo.start(dir);
                RunningService a = RunningService.builder()
                        .mongoUri(mongo.uri())
                        .bean("productHandler", onA)
                        .start();
                RunningService b = RunningService.builder()
                        .mongoUri(mongo.uri())
                        .bean("productHandler", onB)
                        .start()) {
            ExecutorService senders = Executors.newFixedThreadPool(8);
            for (int round = 0; round < EVENTS_PER_PRODUCT; round++) {
                for (long product = 1; product <= PRODUCTS; product++) {
                    RunningService target = (product + round) % 2 == 0 ? a : b;
                    String body = Webhooks.product("updated", product, 1_700_000_000L + round);
                    senders.execute(() ->
                            assertThat(target.postWebhook(body).statusCode()).isEqualTo(200));
                }
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            await().atMost(Duration.ofSeconds(60)).until(() -> LongStream.rangeClosed(1, PRODUCTS)
                    .allMatch(id ->
                            a.queue().find("storeb:product:" + id).orElseThrow().status() == TaskStatus.DONE));

            assertThat(overlap.maxOverlap()).isEqualTo(1);
            assertThat(onA.calls()).as("instance A did work").isNotEmpty();
            assertThat(onB.calls()).as("instance B did work").isNotEmpty();
            for (long id = 1; id <= PRODUCTS; id++) {
                // seq counts the events of a task, so the last event's seq is the event count
                long lastEvent =
                        a.queue().find("storeb:product:" + id).orElseThrow().eventCount();
                List<ScriptedHandler.Call> calls = new java.util.ArrayList<>(onA.callsFor(id));
                calls.addAll(onB.callsFor(id));
                assertThat(calls).as("product %d", id).isNotEmpty();
                assertThat(calls.stream().mapToLong(c -> c.task().seq()).max().orElseThrow())
                        .as("the last sync of product %d covered its last event", id)
                        .isEqualTo(lastEvent);
            }
        }
    }
}
