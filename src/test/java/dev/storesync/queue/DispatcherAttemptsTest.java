package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.config.Settings;
import dev.storesync.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.camel.support.DefaultRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher watches the attempts it runs (G5, G6): a sync whose lease another instance took over, or whose attempt
 * ran past its deadline, learns it before its next write; a hung attempt gives its worker slot back; while no sync can
 * succeed (a store refuses the credentials) it starts one now and then instead of all.
 */
class DispatcherAttemptsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final ResourceKey FIRST = new ResourceKey("storeb", "product", 1);
    private static final ResourceKey SECOND = new ResourceKey("storeb", "product", 2);

    @TempDir
    Path dir;

    TestDatabase db;
    TaskQueue queue;
    Dispatcher dispatcher;

    @BeforeEach
    void open() {
        db = TestDatabase.open(dir);
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.stop();
        }
        db.close();
    }

    @Test
    void aSyncWhoseLeaseWasTakenOverLearnsItBeforeItsNextWrite() throws Exception {
        CountDownLatch firstWriteDone = new CountDownLatch(1);
        AtomicReference<LeaseLostException> stopped = new AtomicReference<>();
        start(TestQueues.policy(LEASE), 4, task -> {
            LeaseGuard.checkCurrent();
            firstWriteDone.countDown();
            // the sync goes on writing, checking before each write, until it is told to stop
            await().atMost(WAIT).pollInSameThread().until(() -> {
                try {
                    LeaseGuard.checkCurrent();
                    return false;
                } catch (LeaseLostException e) {
                    stopped.set(e);
                    return true;
                }
            });
        });
        queue.enqueue(FIRST, "store/product/updated");
        dispatcher.drain();
        assertThat(firstWriteDone.await(30, TimeUnit.SECONDS)).isTrue();

        // another instance whose clock runs an hour ahead thinks the lease expired and takes the task
        TaskQueue other =
                queue("instance-b", Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), TestQueues.policy(LEASE));
        assertThat(other.reclaimExpiredLeases()).isEqualTo(1);
        assertThat(other.claimNext(Set.of("product"))).isPresent();

        await().atMost(WAIT).until(() -> stopped.get() != null);
        assertThat(stopped.get().why()).isEqualTo(LeaseLostException.Why.TAKEN_OVER);
    }

    @Test
    void anAttemptPastItsDeadlineFailsAsTransientAndGivesItsSlotToOtherWork() throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        AtomicReference<LeaseLostException> afterwards = new AtomicReference<>();
        AtomicBoolean wroteAfterDeadline = new AtomicBoolean();
        start(TestQueues.policy(Duration.ofSeconds(3), Duration.ofSeconds(1)), 1, task -> {
            if (task.key().equals(FIRST)) {
                awaitUninterruptibly(hung); // a store call that never answers
                try {
                    LeaseGuard.checkCurrent();
                    wroteAfterDeadline.set(true);
                } catch (LeaseLostException e) {
                    afterwards.set(e);
                }
            } else {
                queue.complete(task);
            }
        });
        queue.enqueue(FIRST, "store/product/updated");
        dispatcher.drain();
        await().atMost(WAIT).until(() -> status(FIRST) == TaskStatus.IN_PROGRESS);
        queue.enqueue(SECOND, "store/product/updated");
        dispatcher.drain();

        // one worker slot, held by the hung attempt until its deadline
        await().atMost(WAIT).until(() -> status(SECOND) == TaskStatus.DONE);
        SyncTask first = queue.find(FIRST.taskId()).orElseThrow();
        assertThat(first.status()).isEqualTo(TaskStatus.RETRY);
        assertThat(first.lastError().orElseThrow().message()).contains("past its deadline of 1 s");

        hung.countDown();
        await().atMost(WAIT).until(() -> afterwards.get() != null);
        assertThat(afterwards.get().why()).isEqualTo(LeaseLostException.Why.DEADLINE);
        assertThat(wroteAfterDeadline).isFalse();
    }

    @Test
    void whileNoSyncCanSucceedOneIsTriedNowAndThenAndNoAttemptIsSpent() {
        AtomicReference<String> refused = new AtomicReference<>("Store B refused the service's credentials");
        AtomicInteger started = new AtomicInteger();
        start(
                TestQueues.policy(Duration.ofSeconds(30)),
                4,
                task -> {
                    started.incrementAndGet();
                    if (refused.get() != null) {
                        queue.fail(task, TaskFailure.paused(refused.get()));
                    } else {
                        queue.complete(task);
                    }
                },
                () -> Optional.ofNullable(refused.get()),
                Duration.ofHours(1));
        for (long id = 1; id <= 5; id++) {
            queue.enqueue(new ResourceKey("storeb", "product", id), "store/product/updated");
        }

        dispatcher.drain();
        await().atMost(WAIT).until(() -> queue.countByStatus().get(TaskStatus.IN_PROGRESS) == 0);
        dispatcher.drain();
        dispatcher.drain();

        assertThat(started).as("one probe within the period").hasValue(1);
        refused.set(null);
        dispatcher.drain();

        await().atMost(WAIT).until(() -> queue.countByStatus().get(TaskStatus.DONE) == 5);
        assertThat(started).hasValue(6);
        assertThat(queue.countByStatus().get(TaskStatus.DEAD)).isZero();
    }

    private void start(Settings.Queue policy, int concurrency, Consumer<ClaimedTask> runner) {
        start(policy, concurrency, runner, SyncPause.NEVER, policy.pollPeriod());
    }

    private void start(
            Settings.Queue policy,
            int concurrency,
            Consumer<ClaimedTask> runner,
            SyncPause pause,
            Duration probeEvery) {
        queue = queue("instance-a", Clock.systemUTC(), policy);
        DefaultRegistry registry = new DefaultRegistry();
        registry.bind("productHandler", new TaskHandler() {
            @Override
            public String resourceType() {
                return "product";
            }

            @Override
            public void handle(ClaimedTask task) {}
        });
        dispatcher = new Dispatcher(
                queue,
                new TaskHandlers(registry),
                runner,
                concurrency,
                policy.lease(),
                policy.attemptDeadline(),
                Duration.ofSeconds(1),
                pause,
                probeEvery);
        dispatcher.start();
    }

    private TaskStatus status(ResourceKey key) {
        return queue.find(key.taskId()).orElseThrow().status();
    }

    private TaskQueue queue(String instance, Clock clock, Settings.Queue policy) {
        // a minute's backoff: the failed attempt does not run again during the test
        Settings.Queue slowRetries = new Settings.Queue(
                policy.pollPeriod(),
                policy.redeliveryPeriod(),
                policy.concurrency(),
                policy.lease(),
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                policy.deadLetterAfter(),
                policy.backlogAlertAfter(),
                policy.attemptDeadline());
        return TestQueues.queue(db, instance, LeaseClock.trusting(clock), slowRetries, new Random(1));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                if (latch.await(60, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                // like a blocked socket read, it does not notice
            }
        }
    }
}
