package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.persistence.CollectionNames;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.ScriptedHandler;
import dev.storesync.testsupport.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue guarantees through the running service: webhooks in over HTTP, the scripted handler called by the
 * dispatcher. Each test works on its own product ids; two sync workers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatchTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicLong CLOCK = new AtomicLong(1_700_000_000L);

    @TempDir
    static Path dataDir;

    final ScriptedHandler products = new ScriptedHandler("product");
    RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.builder()
                .dataDir(dataDir)
                .property("storesync.sync.concurrency", "2")
                .bean("productHandler", products)
                .start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private void webhook(long productId) {
        assertThat(service.postWebhook(Webhooks.product("updated", productId, CLOCK.incrementAndGet()))
                        .statusCode())
                .isEqualTo(200);
    }

    private TaskStatus status(long productId) {
        return service.queue()
                .find("storeb:product:" + productId)
                .map(SyncTask::status)
                .orElse(null);
    }

    @Test
    void aWebhookIsHandledOnce() {
        webhook(100);

        await().atMost(WAIT).until(() -> status(100) == TaskStatus.DONE);
        assertThat(products.callsFor(100)).hasSize(1);
    }

    @Test
    void theSameHashDeliveredLaterSyncsAgain() {
        // BigCommerce's hash covers only {type, id}: two updates of one product share it
        service.postWebhook(Webhooks.product("updated", 150, 1_700_000_100L));
        await().atMost(WAIT).until(() -> status(150) == TaskStatus.DONE);

        service.postWebhook(Webhooks.product("updated", 150, 1_700_000_160L));

        await().atMost(WAIT).until(() -> products.callsFor(150).size() == 2 && status(150) == TaskStatus.DONE);
    }

    @Test
    void fiftyEventsForOneProductGiveOneSync() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(2);
        ScriptedHandler.Behaviour occupy = task -> {
            busy.countDown();
            gate.await(30, TimeUnit.SECONDS);
        };
        products.on(201, occupy).on(202, occupy);
        webhook(201);
        webhook(202);
        assertThat(busy.await(30, TimeUnit.SECONDS)).as("both workers busy").isTrue();

        for (int i = 0; i < 50; i++) {
            webhook(200);
        }
        gate.countDown();

        await().atMost(WAIT).until(() -> status(200) == TaskStatus.DONE);
        assertThat(products.callsFor(200)).hasSize(1);
        assertThat(products.callsFor(200).get(0).task().eventCount()).isEqualTo(50);
    }

    @Test
    void anEventDuringASyncCausesASecondSyncThatStartsAfterIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger call = new AtomicInteger();
        products.on(300, task -> {
            if (call.incrementAndGet() == 1) {
                running.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
        });
        webhook(300);
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        Instant secondEventAt = Instant.now();
        webhook(300);
        release.countDown();

        await().atMost(WAIT).until(() -> products.callsFor(300).size() == 2 && status(300) == TaskStatus.DONE);
        List<ScriptedHandler.Call> calls = products.callsFor(300);
        assertThat(calls.get(1).started()).isAfterOrEqualTo(secondEventAt);
        assertThat(calls.get(1).task().seq()).isGreaterThan(calls.get(0).task().seq());
        assertThat(products.maxOverlapPerResource()).isEqualTo(1);
    }

    @Test
    void aFailingProductDoesNotDelayTheOthers() {
        products.on(400, task -> {
            throw new RetryableSyncException("Store B answered 503");
        });
        webhook(400);
        for (long id = 401; id <= 410; id++) {
            webhook(id);
        }

        await().atMost(WAIT).until(() -> {
            for (long id = 401; id <= 410; id++) {
                if (status(id) != TaskStatus.DONE) {
                    return false;
                }
            }
            return products.callsFor(400).size() >= 2;
        });
        SyncTask failing = service.queue().find("storeb:product:400").orElseThrow();
        assertThat(failing.status()).isIn(TaskStatus.RETRY, TaskStatus.IN_PROGRESS);
        assertThat(failing.lastError().orElseThrow().message()).isEqualTo("Store B answered 503");
        assertThat(failing.lastError().orElseThrow().kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void transientFailuresRetryWithBackoffThenSucceed() {
        AtomicInteger calls = new AtomicInteger();
        products.on(500, task -> {
            if (calls.incrementAndGet() <= 2) {
                throw new java.io.IOException("connection reset by Store A");
            }
        });
        webhook(500);

        await().atMost(WAIT).until(() -> status(500) == TaskStatus.DONE);
        List<ScriptedHandler.Call> history = products.callsFor(500);
        assertThat(history).extracting(c -> c.task().attempt()).containsExactly(1, 2, 3);
        assertThat(Duration.between(history.get(0).ended(), history.get(1).started()))
                .as("the first retry waits for its backoff")
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aPermanentFailureIsDeadLetteredWithItsReasonAndReplayWorks() {
        AtomicInteger fixed = new AtomicInteger();
        products.on(600, task -> {
            if (fixed.get() == 0) {
                throw new PermanentSyncException("product 600 has an empty SKU; give it a SKU in Store A");
            }
        });
        webhook(600);

        await().atMost(WAIT).until(() -> status(600) == TaskStatus.DEAD);
        SyncTask dead = service.queue().find("storeb:product:600").orElseThrow();
        assertThat(products.callsFor(600)).hasSize(3);
        assertThat(dead.lastError().orElseThrow().message())
                .isEqualTo("product 600 has an empty SKU; give it a SKU in Store A");

        fixed.set(1);
        assertThat(service.queue().replay("storeb:product:600")).isTrue();

        await().atMost(WAIT).until(() -> status(600) == TaskStatus.DONE);
        assertThat(products.callsFor(600)).hasSize(4);
    }

    @Test
    void replayingAllDeadLettersSyncsThemAll() {
        AtomicInteger fixed = new AtomicInteger();
        ScriptedHandler.Behaviour brokenUntilFixed = task -> {
            if (fixed.get() == 0) {
                throw new IllegalArgumentException("unexpected data");
            }
        };
        products.on(701, brokenUntilFixed).on(702, brokenUntilFixed);
        webhook(701);
        webhook(702);
        await().atMost(WAIT).until(() -> status(701) == TaskStatus.DEAD && status(702) == TaskStatus.DEAD);

        fixed.set(1);
        assertThat(service.queue().replayAllDead()).isGreaterThanOrEqualTo(2);

        await().atMost(WAIT).until(() -> status(701) == TaskStatus.DONE && status(702) == TaskStatus.DONE);
    }

    @Test
    void aTaskLeasedByAnInstanceThatDiedIsReclaimedAndSynced() {
        // what an instance killed in the middle of a sync leaves behind: a task in progress under its lease
        Date now = new Date();
        service.db()
                .getCollection(CollectionNames.SYNC_TASKS)
                .insertOne(new Document("_id", "storeb:product:1000")
                        .append("dest", "storeb")
                        .append("type", "product")
                        .append("resourceId", 1000L)
                        .append("status", "in_progress")
                        .append("seq", 1L)
                        .append("eventCount", 1L)
                        .append("attempts", 1)
                        .append("hints", List.of("store/product/updated"))
                        .append("pendingSince", now)
                        .append("nextAttemptAt", now)
                        .append("leaseOwner", "instance-that-died")
                        .append("leaseToken", "lost")
                        .append("leaseUntil", new Date(now.getTime() + 2_000)));

        await().atMost(WAIT).until(() -> status(1000) == TaskStatus.DONE);
        assertThat(products.callsFor(1000)).singleElement().satisfies(call -> assertThat(
                        call.task().attempt())
                .as("the dead instance's attempt counts")
                .isEqualTo(2));
    }

    @Test
    void theScheduleFindsTasksNobodyWokeItFor() {
        // as if another instance had stored the event: no wake-up reaches this one
        service.queue().enqueue(new ResourceKey("storeb", "product", 800), "store/product/updated");

        await().atMost(WAIT).until(() -> status(800) == TaskStatus.DONE);
    }

    @Test
    void tasksWithoutAHandlerWaitInsteadOfFailing() {
        assertThat(service.postWebhook(Webhooks.category("updated", 900, CLOCK.incrementAndGet()))
                        .statusCode())
                .isEqualTo(200);

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> service.queue()
                .find("storeb:category:900")
                .map(t -> t.status() == TaskStatus.PENDING && t.attempts() == 0)
                .orElse(false));
    }
}
