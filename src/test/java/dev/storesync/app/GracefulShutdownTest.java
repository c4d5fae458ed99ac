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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown: intake stops first, running syncs finish within the timeout, and those that do not are stopped: a lease is
 * given back only once its worker has ended, so no other instance starts a resource this one may still be writing. The
 * database is external so the test can read it after the service has stopped.
 */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void aRunningSyncFinishesWhileIntakeAlreadyRefuses() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        try (ExternalMongo mongo = ExternalMongo.start(dir)) {
            RunningService service =
                    startWithSyncOfProductOneRunning(mongo, () -> finish.await(60, TimeUnit.SECONDS), "20", "60");

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
    void aSyncThatOutlivesTheTimeoutIsStoppedAndOnlyThenGivenBack() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        try (ExternalMongo mongo = ExternalMongo.start(dir)) {
            RunningService service = startWithSyncOfProductOneRunning(
                    mongo,
                    () -> {
                        try {
                            never.await(60, TimeUnit.SECONDS);
                        } finally {
                            ended.set(true);
                        }
                    },
                    "1",
                    "600");

            service.stop();

            assertThat(ended).as("the worker was stopped").isTrue();
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

    @Test
    void aWorkerThatCannotBeStoppedKeepsItsLeaseUntilItExpires() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ExternalMongo mongo = ExternalMongo.start(dir)) {
            // like a call blocked in a socket read, it ignores interrupts
            RunningService service =
                    startWithSyncOfProductOneRunning(mongo, () -> awaitUninterruptibly(never), "1", "600");

            service.stop();

            Document task = task(mongo, "storeb:product:1");
            assertThat(task.getString("status"))
                    .as("not handed to another instance while this one may still write")
                    .isEqualTo("in_progress");
            assertThat(task.get("leaseToken")).isNotNull();
            assertThat(task.getDate("leaseUntil")).isInTheFuture();
        } finally {
            never.countDown();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (latch.await(60, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the sync of product 1 does once it runs. */
    private interface Work {
        void run() throws InterruptedException;
    }

    /** Starts the service and waits until the sync of product 1 runs {@code work}. */
    private static RunningService startWithSyncOfProductOneRunning(
            ExternalMongo mongo, Work work, String shutdownTimeoutSecs, String leaseSecs) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        ScriptedHandler products = new ScriptedHandler("product").on(1, task -> {
            running.countDown();
            work.run();
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

    /** A webhook with no event in it is refused with 400 while intake runs and 503 once it stopped; never stored. */
    private static boolean intakeStopped(RunningService service) {
        return service.postWebhook("{}").statusCode() == 503;
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
