package dev.storesync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.testsupport.ExternalMongo;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.ScriptedHandler;
import dev.storesync.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown: intake stops first, running syncs finish within the timeout, and the leases of those that do not are
 * released. The database is external so the test can read it after the service has stopped.
 */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void aRunningSyncFinishesWhileIntakeAlreadyRefuses() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        try (ExternalMongo mongo = ExternalMongo.start(dir)) {
            RunningService service = startWithSyncOfProductOneRunning(mongo, finish, "20", "60");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::stop);
            await().atMost(Duration.ofSeconds(30)).until(() -> intakeStopped(service));

            HttpResponse<String> during = service.postWebhook(Webhooks.product("updated", 2, 1_700_000_001L));
            // a suspended platform-http consumer answers 503 itself (with no body): BigCommerce delivers it again
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(stopping).isNotDone();

            finish.countDown();
            stopping.get(30, TimeUnit.SECONDS);

            assertThat(task(mongo, "storeb:product:1").getString("status")).isEqualTo("done");
            assertThat(task(mongo, "storeb:product:2")).isNull();
        }
    }

    @Test
    void aSyncThatOutlivesTheTimeoutHasItsLeaseReleased() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ExternalMongo mongo = ExternalMongo.start(dir)) {
            RunningService service = startWithSyncOfProductOneRunning(mongo, never, "1", "600");

            service.stop();

            Document task = task(mongo, "storeb:product:1");
            assertThat(task.getString("status")).isEqualTo("pending");
            assertThat(task.get("leaseToken")).isNull();
            assertThat(task.getInteger("attempts"))
                    .as("the interrupted attempt does not count")
                    .isZero();
        } finally {
            never.countDown();
        }
    }

    /** Starts the service and waits until the sync of product 1 runs; it finishes when {@code release} opens. */
    private static RunningService startWithSyncOfProductOneRunning(
            ExternalMongo mongo, CountDownLatch release, String shutdownTimeoutSecs, String leaseSecs)
            throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        ScriptedHandler products = new ScriptedHandler("product").on(1, task -> {
            running.countDown();
            release.await(60, TimeUnit.SECONDS);
        });
        RunningService service = RunningService.builder()
                .mongoUri(mongo.uri())
                .property("storesync.shutdown-timeout-secs", shutdownTimeoutSecs)
                .property("storesync.sync.lease-secs", leaseSecs)
                .bean("productHandler", products)
                .start();
        service.postWebhook(Webhooks.product("updated", 1, 1_700_000_000L));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
        return service;
    }

    /** An unauthenticated webhook is refused with 401 while intake runs and 503 once it stopped; never stored. */
    private static boolean intakeStopped(RunningService service) {
        return service.post("/webhooks", "{}", Map.of("Content-Type", "application/json"))
                        .statusCode()
                == 503;
    }

    private static Document task(ExternalMongo mongo, String id) {
        try (MongoClient client = MongoClients.create(mongo.uri())) {
            return client.getDatabase("storesync")
                    .getCollection(CollectionNames.SYNC_TASKS)
                    .find(Filters.eq("_id", id))
                    .first();
        }
    }
}
