package dev.storesync.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.persistence.Durability;
import dev.storesync.queue.ClaimedTask;
import dev.storesync.queue.LeaseClock;
import dev.storesync.queue.ResourceKey;
import dev.storesync.queue.SyncTask;
import dev.storesync.queue.TaskQueue;
import dev.storesync.queue.TaskStatus;
import dev.storesync.queue.TestQueues;
import dev.storesync.testsupport.TestDatabase;
import dev.storesync.testsupport.Webhooks;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks stored together: a group forms while the one before it is written, and each of its items succeeds or
 * fails on its own. The first writer is held (through the clock it reads when it starts writing) until the requests
 * of the next group are all waiting, so the groups are known, not hoped for.
 */
class IntakeGroupsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    TestDatabase db;
    TaskQueue queue;
    WebhookEventLog events;
    HeldClock clock = new HeldClock();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AtomicInteger commits = new AtomicInteger();
    Durability durability = commits::incrementAndGet;
    ExecutorService requests = Executors.newCachedThreadPool();

    @BeforeEach
    void open() {
        db = TestDatabase.open(dataDir);
        queue = TestQueues.queue(
                db,
                "instance-a",
                LeaseClock.trusting(clock),
                TestQueues.policy(Duration.ofMinutes(1)),
                RandomGenerator.getDefault());
        events = new WebhookEventLog(db.mongo(), clock, Duration.ofDays(7));
    }

    @AfterEach
    void close() throws InterruptedException {
        clock.release();
        requests.shutdownNow();
        assertThat(requests.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        db.close();
    }

    @Test
    void webhooksArrivingDuringAWriteAreStoredAsOneGroupWithOneCommit() throws Exception {
        IntakeGroups groups = groups();
        Future<Boolean> first = store(groups, Webhooks.product("updated", 1, 1_700_000_000L));
        clock.awaitHeld();
        List<String> next = List.of(
                Webhooks.product("updated", 2, 1_700_000_000L),
                Webhooks.product("updated", 3, 1_700_000_000L),
                Webhooks.product("updated", 3, 1_700_000_001L), // the same product again: one task, two events
                Webhooks.sku("updated", 30, 3, 31, 1_700_000_001L), // and a variant of it: still one task
                Webhooks.product("updated", 4, 1_700_000_000L),
                Webhooks.product("updated", 4, 1_700_000_000L)); // a redelivery within the group
        List<Future<Boolean>> answers = new ArrayList<>();
        for (String body : next) {
            answers.add(store(groups, body));
        }
        await().atMost(WAIT).until(() -> groups.waiting() == next.size());
        clock.release();

        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        List<Boolean> stored = new ArrayList<>();
        for (Future<Boolean> answer : answers) {
            stored.add(answer.get(30, TimeUnit.SECONDS));
        }
        assertThat(stored).containsExactly(true, true, true, true, true, false);
        DistributionSummary sizes = meters.get("storesync_intake_group_size").summary();
        assertThat(sizes.count()).isEqualTo(2);
        assertThat(sizes.max()).isEqualTo(next.size());
        assertThat(commits.get()).as("one commit per group").isEqualTo(2);

        assertThat(eventLog().countDocuments()).isEqualTo(6);
        SyncTask product3 = queue.find("storeb:product:3").orElseThrow();
        assertThat(product3.eventCount()).isEqualTo(3);
        assertThat(product3.hints()).containsExactlyInAnyOrder("store/product/updated", "store/sku/updated");
        assertThat(product3.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(queue.find("storeb:product:4").orElseThrow().eventCount())
                .as("a redelivery still marks its task due")
                .isEqualTo(2);
    }

    @Test
    void aGroupReopensAFinishedTaskAndBumpsARunningOne() throws Exception {
        IntakeGroups groups = groups();
        clock.release();
        ResourceKey finished = new ResourceKey("storeb", "product", 10);
        ResourceKey running = new ResourceKey("storeb", "product", 11);
        queue.enqueue(finished, "store/product/updated");
        ClaimedTask done = queue.claimNext(Set.of("product")).orElseThrow();
        assertThat(queue.complete(done)).isEqualTo(TaskQueue.Outcome.DONE);
        queue.enqueue(running, "store/product/updated");
        ClaimedTask inFlight = queue.claimNext(Set.of("product")).orElseThrow();

        assertThat(store(groups, Webhooks.product("updated", 10, 1_700_000_100L))
                        .get(30, TimeUnit.SECONDS))
                .isTrue();
        assertThat(store(groups, Webhooks.product("updated", 11, 1_700_000_100L))
                        .get(30, TimeUnit.SECONDS))
                .isTrue();

        SyncTask reopened = queue.find(finished.taskId()).orElseThrow();
        assertThat(reopened.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(reopened.attempts()).isZero();
        assertThat(queue.complete(inFlight))
                .as("the event that came during the sync makes it run again")
                .isEqualTo(TaskQueue.Outcome.REQUEUED);
    }

    @Test
    void anItemTheDatabaseRefusesFailsAloneAndTheRestOfItsGroupIsStored() throws Exception {
        IntakeGroups groups = groups();
        // a task document the bump cannot apply to: $addToSet on a field that is not an array
        tasks().insertOne(new Document("_id", "storeb:product:21")
                .append("dest", "storeb")
                .append("status", "pending")
                .append("hints", "not an array"));
        Future<Boolean> first = store(groups, Webhooks.product("updated", 20, 1_700_000_000L));
        clock.awaitHeld();
        Future<Boolean> refused = store(groups, Webhooks.product("updated", 21, 1_700_000_000L));
        Future<Boolean> fine = store(groups, Webhooks.product("updated", 22, 1_700_000_000L));
        await().atMost(WAIT).until(() -> groups.waiting() == 2);
        clock.release();

        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fine.get(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(MongoWriteException.class);
        assertThat(eventLog().countDocuments(Filters.eq("resourceId", 21L)))
                .as("no event is logged without its task due (G1)")
                .isZero();
        assertThat(eventLog().countDocuments(Filters.in("resourceId", 20L, 22L)))
                .isEqualTo(2);
        assertThat(meters.get("storesync_intake_group_size").summary().max()).isEqualTo(2);
    }

    @Test
    void aFailedCommitAcknowledgesNothingOfItsGroup() {
        IntakeGroups groups = new IntakeGroups(
                queue,
                events,
                () -> {
                    throw new IllegalStateException("the disk is full");
                },
                clock,
                meters);
        clock.release();

        assertThatThrownBy(() -> store(groups, Webhooks.product("updated", 40, 1_700_000_000L))
                        .get(30, TimeUnit.SECONDS))
                .hasRootCauseMessage("the disk is full");
    }

    private IntakeGroups groups() {
        return new IntakeGroups(queue, events, durability, clock, meters);
    }

    private Future<Boolean> store(IntakeGroups groups, String body) {
        WebhookEvent event = new WebhookParser().parse(body.getBytes(StandardCharsets.UTF_8));
        ResourceKey key = new ResourceKey("storeb", event.resourceType(), event.resourceId());
        return requests.submit(() -> groups.store(event, key));
    }

    private MongoCollection<Document> eventLog() {
        return db.mongo().getCollection(CollectionNames.WEBHOOK_EVENTS);
    }

    private MongoCollection<Document> tasks() {
        return db.mongo().getCollection(CollectionNames.SYNC_TASKS);
    }

    /** Holds the first caller of {@link #instant()} (a group's writer) until released. */
    private static final class HeldClock extends Clock {
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void awaitHeld() throws InterruptedException {
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }

        @Override
        public Instant instant() {
            if (released.getCount() > 0) {
                held.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
