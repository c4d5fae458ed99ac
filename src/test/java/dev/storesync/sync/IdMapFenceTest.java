package dev.storesync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storesync.queue.ClaimedTask;
import dev.storesync.queue.LeaseClock;
import dev.storesync.queue.LeaseHolding;
import dev.storesync.queue.LeaseLostException;
import dev.storesync.queue.ResourceKey;
import dev.storesync.queue.TaskQueue;
import dev.storesync.queue.TestQueues;
import dev.storesync.testsupport.MutableClock;
import dev.storesync.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The id map entry of the resource a sync works on is fenced by its lease token, like its task: once another instance
 * took the task over and stamped the entry, the first sync's writes of it are refused and change nothing.
 */
class IdMapFenceTest {
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final ResourceKey PRODUCT = new ResourceKey("storeb", "product", 7);

    @TempDir
    Path dir;

    TestDatabase db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    IdMap idMap;
    TaskQueue instanceA;
    TaskQueue instanceB;

    @BeforeEach
    void open() {
        db = TestDatabase.open(dir);
        idMap = new IdMap(db.database(), "storeb", clock);
        instanceA = queue("instance-a");
        instanceB = queue("instance-b");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aSyncWhoseLeaseWasTakenOverCannotWriteItsResourcesEntry() {
        ClaimedTask first = claimAndFence(instanceA);
        asHolder(first, instanceA, () -> idMap.save(mapping(100)));

        clock.advance(LEASE.plusSeconds(1)); // instance A paused past its lease
        assertThat(instanceB.reclaimExpiredLeases()).isEqualTo(1);
        ClaimedTask second = claimAndFence(instanceB);
        asHolder(second, instanceB, () -> idMap.save(mapping(200)));

        asHolder(first, instanceA, () -> {
            assertThatThrownBy(() -> idMap.save(mapping(100)))
                    .isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining("a newer sync stamped this id map entry");
            assertThatThrownBy(() -> idMap.forget(IdMap.PRODUCT, 7)).isInstanceOf(LeaseLostException.class);
        });
        assertThat(idMap.find(IdMap.PRODUCT, 7)).hasValue(200);
    }

    @Test
    void aForgottenEntryKeepsItsStampSoTheOldSyncCannotMapItAgain() {
        ClaimedTask first = claimAndFence(instanceA);
        asHolder(first, instanceA, () -> idMap.save(mapping(100)));
        clock.advance(LEASE.plusSeconds(1));
        instanceB.reclaimExpiredLeases();
        ClaimedTask second = claimAndFence(instanceB);

        asHolder(second, instanceB, () -> idMap.forget(IdMap.PRODUCT, 7));
        assertThat(idMap.find(IdMap.PRODUCT, 7)).isEmpty();
        assertThat(idMap.product(7)).isEmpty();

        asHolder(first, instanceA, () -> assertThatThrownBy(() -> idMap.save(mapping(100)))
                .isInstanceOf(LeaseLostException.class));
        assertThat(idMap.find(IdMap.PRODUCT, 7)).isEmpty();
    }

    @Test
    void otherEntriesASyncTouchesAreNotFencedByIt() {
        ClaimedTask first = claimAndFence(instanceA);

        asHolder(first, instanceA, () -> idMap.put(IdMap.BRAND, 3, 33));

        assertThat(idMap.find(IdMap.BRAND, 3)).hasValue(33);
        idMap.put(IdMap.BRAND, 3, 34); // outside any sync (an admin action, a test) nothing is fenced
        assertThat(idMap.find(IdMap.BRAND, 3)).hasValue(34);
    }

    /** What the route task handler does when a sync starts: claim, then stamp the resource's entry. */
    private ClaimedTask claimAndFence(TaskQueue instance) {
        instance.enqueue(PRODUCT, "store/product/updated");
        ClaimedTask task = instance.claimNext(Set.of("product")).orElseThrow();
        idMap.fence(task.resourceType(), task.resourceId(), task.leaseToken());
        return task;
    }

    private static void asHolder(ClaimedTask task, TaskQueue queue, Runnable work) {
        LeaseHolding.asHolderOf(task, queue, LEASE, work);
    }

    private static ProductMapping mapping(long b) {
        return new ProductMapping(7, b, "SKU-7", List.of(), List.of(), List.of(), List.of());
    }

    private TaskQueue queue(String instance) {
        return TestQueues.queue(db, instance, LeaseClock.trusting(clock), TestQueues.policy(LEASE), new Random(1));
    }
}
