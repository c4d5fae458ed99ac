package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.config.Settings;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.testsupport.MutableClock;
import dev.storesync.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's guarantees, transition by transition, against the embedded server with a hand-moved clock. */
class TaskQueueTest {
    private static final Set<String> PRODUCTS = Set.of("product");
    private static final Settings.Queue POLICY = TestQueues.policy(Duration.ofSeconds(60));

    @TempDir
    Path dataDir;

    TestDatabase db;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    TaskQueue queue;

    @BeforeEach
    void open() {
        db = TestDatabase.open(dataDir);
        queue = queue("instance-a");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private TaskQueue queue(String instance) {
        // a "random" at the top of the jitter range makes delays exact: base * 2^(n-1)
        return TestQueues.queue(db, instance, LeaseClock.trusting(clock), POLICY, new FixedRandom(0.999999));
    }

    private static ResourceKey product(long id) {
        return new ResourceKey("storeb", "product", id);
    }

    @Test
    void manyEventsForOneResourceBecomeOneTask() {
        assertThat(queue.enqueue(product(1), "store/product/updated")).isEqualTo(TaskQueue.Enqueued.CREATED);
        for (int i = 0; i < 49; i++) {
            assertThat(queue.enqueue(product(1), "store/product/updated")).isEqualTo(TaskQueue.Enqueued.COALESCED);
        }

        ClaimedTask claimed = queue.claimNext(PRODUCTS).orElseThrow();

        assertThat(claimed.eventCount()).isEqualTo(50);
        assertThat(queue.claimNext(PRODUCTS)).isEmpty();
        assertThat(queue.complete(claimed)).isEqualTo(TaskQueue.Outcome.DONE);
        assertThat(queue.claimNext(PRODUCTS)).isEmpty();
        assertThat(db.mongo().getCollection(CollectionNames.SYNC_TASKS).countDocuments())
                .isEqualTo(1);
    }

    @Test
    void anEventDuringASyncMakesTheResourceSyncAgain() {
        queue.enqueue(product(1), "store/product/updated");
        ClaimedTask running = queue.claimNext(PRODUCTS).orElseThrow();

        assertThat(queue.enqueue(product(1), "store/sku/updated")).isEqualTo(TaskQueue.Enqueued.RESYNC_AFTER_CURRENT);
        assertThat(queue.claimNext(PRODUCTS)).as("never twice at once").isEmpty();
        assertThat(queue.complete(running)).isEqualTo(TaskQueue.Outcome.REQUEUED);

        ClaimedTask again = queue.claimNext(PRODUCTS).orElseThrow();
        assertThat(again.seq()).isGreaterThan(running.seq());
        assertThat(again.hints()).contains("store/sku/updated");
        assertThat(queue.complete(again)).isEqualTo(TaskQueue.Outcome.DONE);
    }

    @Test
    void theSyncAfterARunningOneIsDueSinceTheFirstEventItCovers() {
        queue.enqueue(product(1), "store/product/updated");
        ClaimedTask running = queue.claimNext(PRODUCTS).orElseThrow();
        clock.advance(Duration.ofSeconds(10));
        Instant firstEventDuringTheSync = clock.instant();
        queue.enqueue(product(1), "store/product/updated");
        clock.advance(Duration.ofSeconds(5));
        queue.enqueue(product(1), "store/product/updated");
        clock.advance(Duration.ofSeconds(15));

        assertThat(queue.complete(running)).isEqualTo(TaskQueue.Outcome.REQUEUED);

        assertThat(queue.find(running.taskId()).orElseThrow().pendingSince())
                .as("what the latency metric measures from")
                .hasValue(firstEventDuringTheSync);
        ClaimedTask again = queue.claimNext(PRODUCTS).orElseThrow();
        assertThat(again.pendingSince()).hasValue(firstEventDuringTheSync);
    }

    @Test
    void anEventAfterTheSyncReopensTheTask() {
        queue.enqueue(product(1), "store/product/updated");
        queue.complete(queue.claimNext(PRODUCTS).orElseThrow());

        assertThat(queue.enqueue(product(1), "store/product/updated")).isEqualTo(TaskQueue.Enqueued.REOPENED);
        ClaimedTask reopened = queue.claimNext(PRODUCTS).orElseThrow();
        assertThat(reopened.attempt()).isEqualTo(1);
        assertThat(reopened.hints()).containsExactly("store/product/updated");
    }

    @Test
    void concurrentClaimsNeverShareATask() throws Exception {
        for (long id = 1; id <= 40; id++) {
            queue.enqueue(product(id), "store/product/updated");
        }
        List<TaskQueue> instances = List.of(queue("a"), queue("b"), queue("c"), queue("d"));
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            TaskQueue instance = instances.get(t % instances.size());
            pool.execute(() -> {
                try {
                    go.await();
                    Optional<ClaimedTask> task;
                    while ((task = instance.claimNext(PRODUCTS)).isPresent()) {
                        if (!claimed.add(task.get().taskId())) {
                            duplicates.add(task.get().taskId());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(duplicates).isEmpty();
        assertThat(claimed).hasSize(40);
    }

    @Test
    void anExpiredLeaseIsReclaimedAndTheOldOwnerIsFencedOut() {
        queue.enqueue(product(1), "store/product/updated");
        ClaimedTask crashed = queue.claimNext(PRODUCTS).orElseThrow();
        TaskQueue other = queue("instance-b");

        assertThat(other.reclaimExpiredLeases()).isZero();
        assertThat(other.claimNext(PRODUCTS)).isEmpty();

        clock.advance(POLICY.lease().plusSeconds(1));
        assertThat(other.reclaimExpiredLeases()).isEqualTo(1);
        ClaimedTask takenOver = other.claimNext(PRODUCTS).orElseThrow();

        assertThat(takenOver.attempt()).isEqualTo(2);
        assertThat(queue.renewLease(crashed)).isFalse();
        assertThat(queue.complete(crashed)).isEqualTo(TaskQueue.Outcome.LEASE_LOST);
        assertThat(other.complete(takenOver)).isEqualTo(TaskQueue.Outcome.DONE);
    }

    @Test
    void aRenewedLeaseIsNotReclaimed() {
        queue.enqueue(product(1), "store/product/updated");
        ClaimedTask running = queue.claimNext(PRODUCTS).orElseThrow();

        clock.advance(Duration.ofSeconds(45));
        assertThat(queue.renewLease(running)).isTrue();
        clock.advance(Duration.ofSeconds(45));

        assertThat(queue.reclaimExpiredLeases()).isZero();
        assertThat(queue.complete(running)).isEqualTo(TaskQueue.Outcome.DONE);
    }

    @Test
    void transientFailuresBackOffExponentiallyUpToTheCapAndNeverDie() {
        queue.enqueue(product(1), "store/product/updated");
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 12; attempt++) {
            ClaimedTask task = queue.claimNext(PRODUCTS).orElseThrow();
            assertThat(task.attempt()).isEqualTo(attempt);
            Instant failedAt = clock.instant();

            assertThat(queue.fail(task, TaskFailure.transientFailure("HTTP 503 from Store B")))
                    .isEqualTo(TaskQueue.Outcome.RETRY);

            Instant next =
                    queue.find(task.taskId()).orElseThrow().nextAttemptAt().orElseThrow();
            delays.add(Duration.between(failedAt, next));
            assertThat(queue.claimNext(PRODUCTS)).as("not before its time").isEmpty();
            clock.advance(Duration.between(failedAt, next));
        }

        assertThat(delays.subList(0, 4))
                .extracting(Duration::toMillis)
                .containsExactly(2_000L, 4_000L, 8_000L, 16_000L);
        assertThat(delays.get(11)).isEqualTo(POLICY.retryMax());
        SyncTask task = queue.find("storeb:product:1").orElseThrow();
        assertThat(task.status()).isEqualTo(TaskStatus.RETRY);
        assertThat(task.lastError().orElseThrow().message()).isEqualTo("HTTP 503 from Store B");
    }

    @Test
    void aRateLimitResetIsAFloorForTheRetry() {
        queue.enqueue(product(1), "store/product/updated");
        ClaimedTask task = queue.claimNext(PRODUCTS).orElseThrow();

        queue.fail(task, new TaskFailure(FailureKind.TRANSIENT, "429", Duration.ofSeconds(30)));

        assertThat(queue.find(task.taskId()).orElseThrow().nextAttemptAt())
                .hasValue(clock.instant().plusSeconds(30));
    }

    @Test
    void aPermanentFailureBecomesADeadLetterWithItsReasonAndCanBeReplayed() {
        queue.enqueue(product(1), "store/product/updated");
        for (int attempt = 1; attempt < POLICY.deadLetterAfter(); attempt++) {
            ClaimedTask task = queue.claimNext(PRODUCTS).orElseThrow();
            assertThat(queue.fail(task, TaskFailure.permanent("product 1 has no SKU")))
                    .isEqualTo(TaskQueue.Outcome.RETRY);
            clock.advance(Duration.ofMinutes(10));
        }
        ClaimedTask last = queue.claimNext(PRODUCTS).orElseThrow();
        assertThat(queue.fail(last, TaskFailure.permanent("product 1 has no SKU")))
                .isEqualTo(TaskQueue.Outcome.DEAD);

        clock.advance(Duration.ofHours(1));
        SyncTask dead = queue.find(last.taskId()).orElseThrow();
        assertThat(dead.status()).isEqualTo(TaskStatus.DEAD);
        assertThat(dead.lastError().orElseThrow().message()).isEqualTo("product 1 has no SKU");
        assertThat(dead.lastError().orElseThrow().kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(queue.claimNext(PRODUCTS)).isEmpty();

        assertThat(queue.replay(last.taskId())).isTrue();
        assertThat(queue.replay(last.taskId())).as("no longer a dead letter").isFalse();
        ClaimedTask replayed = queue.claimNext(PRODUCTS).orElseThrow();
        assertThat(replayed.attempt()).isEqualTo(1);
    }

    @Test
    void onlyPermanentFailuresCountTowardTheDeadLetter() {
        queue.enqueue(product(1), "store/product/updated");
        // a store outage, then bad data: the outage's attempts are not the data's fault
        failNext(TaskFailure.transientFailure("Store B answered 503"), TaskQueue.Outcome.RETRY);
        failNext(TaskFailure.transientFailure("Store B answered 503"), TaskQueue.Outcome.RETRY);
        failNext(TaskFailure.permanent("product 1 has no SKU"), TaskQueue.Outcome.RETRY);
        failNext(TaskFailure.transientFailure("Store B answered 503"), TaskQueue.Outcome.RETRY);
        failNext(TaskFailure.permanent("product 1 has no SKU"), TaskQueue.Outcome.RETRY);

        failNext(TaskFailure.permanent("product 1 has no SKU"), TaskQueue.Outcome.DEAD);
    }

    @Test
    void aSuccessStartsTheCountOfPermanentFailuresAgain() {
        queue.enqueue(product(1), "store/product/updated");
        failNext(TaskFailure.permanent("a 409 that a later edit fixed"), TaskQueue.Outcome.RETRY);
        failNext(TaskFailure.permanent("a 409 that a later edit fixed"), TaskQueue.Outcome.RETRY);
        assertThat(queue.complete(queue.claimNext(PRODUCTS).orElseThrow())).isEqualTo(TaskQueue.Outcome.DONE);

        queue.enqueue(product(1), "store/product/updated");
        failNext(TaskFailure.permanent("another 409"), TaskQueue.Outcome.RETRY);
        failNext(TaskFailure.permanent("another 409"), TaskQueue.Outcome.RETRY);
        failNext(TaskFailure.permanent("another 409"), TaskQueue.Outcome.DEAD);
    }

    @Test
    void aPausedAttemptIsNotCountedAndIsDueAgainAtOnce() {
        queue.enqueue(product(1), "store/product/updated");
        for (int attempt = 0; attempt < 10; attempt++) {
            failNext(TaskFailure.paused("Store B refused the service's credentials"), TaskQueue.Outcome.PAUSED);
        }

        ClaimedTask paused = queue.claimNext(PRODUCTS).orElseThrow();
        assertThat(queue.fail(paused, TaskFailure.paused("still refused"))).isEqualTo(TaskQueue.Outcome.PAUSED);

        ClaimedTask again = queue.claimNext(PRODUCTS).orElseThrow(); // the clock has not moved
        assertThat(again.attempt()).isEqualTo(1);
        assertThat(queue.find(again.taskId())
                        .orElseThrow()
                        .lastError()
                        .orElseThrow()
                        .kind())
                .isEqualTo(FailureKind.PAUSED);
    }

    /** Claims the one due task, fails it, and moves the clock past its backoff. */
    private void failNext(TaskFailure failure, TaskQueue.Outcome expected) {
        ClaimedTask task = queue.claimNext(PRODUCTS).orElseThrow();
        assertThat(queue.fail(task, failure)).isEqualTo(expected);
        clock.advance(Duration.ofMinutes(10));
    }

    @Test
    void replayAllRevivesEveryDeadLetter() {
        for (long id = 1; id <= 3; id++) {
            queue.enqueue(product(id), "store/product/updated");
        }
        killAll();

        assertThat(queue.replayAllDead()).isEqualTo(3);
        assertThat(queue.countByStatus().get(TaskStatus.PENDING)).isEqualTo(3);
        assertThat(queue.countByStatus().get(TaskStatus.DEAD)).isZero();
    }

    @Test
    void aNewEventRevivesADeadLetter() {
        queue.enqueue(product(1), "store/product/updated");
        killAll();

        assertThat(queue.enqueue(product(1), "store/product/updated")).isEqualTo(TaskQueue.Enqueued.REOPENED);
        assertThat(queue.claimNext(PRODUCTS).orElseThrow().attempt()).isEqualTo(1);
    }

    @Test
    void aPermanentFailureWithNewEventsRetriesInsteadOfDying() {
        queue.enqueue(product(1), "store/product/updated");
        ClaimedTask task = null;
        for (int attempt = 1; attempt <= POLICY.deadLetterAfter(); attempt++) {
            clock.advance(Duration.ofMinutes(10));
            task = queue.claimNext(PRODUCTS).orElseThrow();
            if (attempt < POLICY.deadLetterAfter()) {
                queue.fail(task, TaskFailure.permanent("no SKU"));
            }
        }
        queue.enqueue(product(1), "store/product/updated"); // the merchant just fixed it

        assertThat(queue.fail(task, TaskFailure.permanent("no SKU"))).isEqualTo(TaskQueue.Outcome.RETRY);
    }

    @Test
    void aFailingResourceDoesNotHoldUpTheOthers() {
        queue.enqueue(product(1), "store/product/updated");
        ClaimedTask failing = queue.claimNext(PRODUCTS).orElseThrow();
        queue.enqueue(product(2), "store/product/updated");
        queue.enqueue(product(3), "store/product/updated");

        queue.fail(failing, TaskFailure.transientFailure("timeout"));

        assertThat(queue.claimNext(PRODUCTS).orElseThrow().resourceId()).isEqualTo(2);
        assertThat(queue.claimNext(PRODUCTS).orElseThrow().resourceId()).isEqualTo(3);
        assertThat(queue.claimNext(PRODUCTS)).isEmpty();
    }

    @Test
    void tasksWithoutAHandlerWaitInTheQueue() {
        queue.enqueue(new ResourceKey("storeb", "category", 5), "store/category/updated");

        assertThat(queue.claimNext(PRODUCTS)).isEmpty();
        assertThat(queue.find("storeb:category:5").orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(queue.claimNext(Set.of("category"))).isPresent();
    }

    @Test
    void aReleasedTaskIsDueAtOnceWithoutCountingTheAttempt() {
        queue.enqueue(product(1), "store/product/updated");
        ClaimedTask task = queue.claimNext(PRODUCTS).orElseThrow();

        assertThat(queue.release(task)).isTrue();

        ClaimedTask again = queue("instance-b").claimNext(PRODUCTS).orElseThrow();
        assertThat(again.attempt()).isEqualTo(1);
    }

    @Test
    void cleanupRemovesOnlyFinishedTasksPastTheirRetention() {
        queue.enqueue(product(3), "store/product/updated");
        killAll(); // dead
        queue.enqueue(product(4), "store/product/updated");
        queue.claimNext(PRODUCTS); // in progress
        queue.enqueue(product(1), "store/product/updated");
        queue.complete(queue.claimNext(PRODUCTS).orElseThrow()); // done
        queue.enqueue(product(2), "store/product/updated"); // pending

        clock.advance(Duration.ofHours(23));
        assertThat(queue.removeFinished()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(queue.removeFinished()).isEqualTo(1);

        assertThat(queue.find("storeb:product:1")).isEmpty();
        assertThat(queue.find("storeb:product:2").orElseThrow().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(queue.find("storeb:product:3").orElseThrow().status()).isEqualTo(TaskStatus.DEAD);
        assertThat(queue.find("storeb:product:4").orElseThrow().status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void statusCountsAndTheOldestWaitingTask() {
        queue.enqueue(product(1), "store/product/updated");
        clock.advance(Duration.ofMinutes(5));
        queue.enqueue(product(2), "store/product/updated");
        queue.claimNext(PRODUCTS);

        assertThat(queue.countByStatus())
                .containsEntry(TaskStatus.IN_PROGRESS, 1L)
                .containsEntry(TaskStatus.PENDING, 1L)
                .containsEntry(TaskStatus.DONE, 0L);
        assertThat(queue.oldestWaitingSince()).hasValue(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Dead-letters every waiting task, failing each permanently until it dies. */
    private void killAll() {
        for (int round = 0; round < POLICY.deadLetterAfter(); round++) {
            Optional<ClaimedTask> task;
            List<ClaimedTask> claimed = new ArrayList<>();
            while ((task = queue.claimNext(PRODUCTS)).isPresent()) {
                claimed.add(task.get());
            }
            claimed.forEach(t -> queue.fail(t, TaskFailure.permanent("bad data")));
            clock.advance(Duration.ofHours(1));
        }
    }

    /** A random generator that always returns the same double, making jittered delays predictable. */
    private record FixedRandom(double value) implements RandomGenerator {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return value;
        }
    }
}
