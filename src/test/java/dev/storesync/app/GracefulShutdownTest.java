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
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ScriptedHandler products = new ScriptedHandler("product").on(1, task -> {
            running.countDown();
            finish.await(30, TimeUnit.SECONDS);
        });
        try (ExternalMongo mongo = ExternalMongo.start(dir)) {
            RunningService service = RunningService.builder()
                    .mongoUri(mongo.uri())
                    .property("storesync.shutdown-timeout-secs", "20")
                    .bean("productHandler", products)
                    .start();
            service.postWebhook(Webhooks.product("updated", 1, 1_700_000_000L));
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(service::stop);
            await().atMost(Duration.ofSeconds(30)).until(() -> intakeStopped(service));

            HttpResponse<String> during = service.postWebhook(Webhooks.product("updated", 2, 1_700_000_001L));
            // a suspended platform-http consumer answers 503 itself (with no body): BigCommerce delivers it again
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(stopping).isNotDone();

            finish.countDown();
            stopping.get(30, TimeUnit.SECONDS);

            try (MongoClient client = MongoClients.create(mongo.uri())) {
                Document task = tasks(client)
                        .find(Filters.eq("_id", "storeb:product:1"))
                        .first();
                assertThat(task.getString("status")).isEqualTo("done");
                assertThat(tasks(client).countDocuments(Filters.eq("_id", "storeb:product:2")))
                        .isZero();
            }
        }
    }

    @Test
    void aSyncThatOutlivesTheTimeoutHasItsLeaseReleased() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        ScriptedHandler products = new ScriptedHandler("product").on(1, task -> {
            running.countDown();
            never.await(60, TimeUnit.SECONDS);
        });
        try (ExternalMongo mongo = ExternalMongo.start(dir)) {
            RunningService service = RunningService.builder()
                    .mongoUri(mongo.uri())
                    .property("storesync.shutdown-timeout-secs", "1")
                    .property("storesync.sync.lease-secs", "600")
                    .bean("productHandler", products)
                    .start();
            service.postWebhook(Webhooks.product("updated", 1, 1_700_000_000L));
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

            service.stop();

            try (MongoClient client = MongoClients.create(mongo.uri())) {
                Document task = tasks(client)
                        .find(Filters.eq("_id", "storeb:product:1"))
                        .first();
                assertThat(task.getString("status")).isEqualTo("pending");
                assertThat(task.get("leaseToken")).isNull();
                assertThat(task.getInteger("attempts"))
                        .as("the interrupted attempt does not count")
                        .isZero();
            }
        } finally {
            never.countDown();
        }
    }

    /** An unauthenticated webhook is refused with 401 while intake runs and 503 once it stopped; never stored. */
    private static boolean intakeStopped(RunningService service) {
        return service.post("/webhooks", "{}", Map.of("Content-Type", "application/json"))
                        .statusCode()
                == 503;
    }

    private static com.mongodb.client.MongoCollection<Document> tasks(MongoClient client) {
        return client.getDatabase("storesync").getCollection(CollectionNames.SYNC_TASKS);
    }
}
