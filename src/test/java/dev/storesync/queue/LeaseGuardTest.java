package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.storesync.config.Settings;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.testsupport.MutableClock;
import dev.storesync.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sync worker's guard does before each write: trust a fresh lease, ask the database for an old one. */
class LeaseGuardTest {
    /** Short, so the guard's trust (half a lease) runs out within the test. */
    private static final Duration LEASE = Duration.ofMillis(300);

    private static final Settings.Queue POLICY = TestQueues.policy(LEASE);

    @TempDir
    Path dir;

    TestDatabase db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    TaskQueue instanceA;
    TaskQueue instanceB;
    ClaimedTask held;

    @BeforeEach
    void claim() {
        db = TestDatabase.open(dir);
        instanceA = queue("instance-a");
        instanceB = queue("instance-b");
        instanceA.enqueue(new ResourceKey("storeb", "product", 1), "store/product/updated");
        held = instanceA.claimNext(Set.of("product")).orElseThrow();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aRevokedLeaseRefusesTheNextWrite() {
        LeaseGuard guard = new LeaseGuard(held, instanceA, LEASE);
        guard.check();

        guard.revoke(LeaseLostException.Why.DEADLINE, "the attempt ran past its deadline");

        assertThatThrownBy(guard::check)
                .isInstanceOfSatisfying(
                        LeaseLostException.class, e -> assertThat(e.why()).isEqualTo(LeaseLostException.Why.DEADLINE))
                .hasMessageContaining("storeb:product:1: the attempt ran past its deadline; nothing more is written");
    }

    @Test
    void pastHalfALeaseItRenewsTheLeaseBeforeTheWrite() {
        LeaseGuard guard = new LeaseGuard(held, instanceA, LEASE);
        Instant claimedUntil = leaseUntil();
        clock.advance(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> {
            guard.check();
            assertThat(leaseUntil()).isAfter(claimedUntil);
        });
        assertThat(leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
    }

    @Test
    void aLeaseTakenOverByAnotherInstanceStopsTheHolder() {
        LeaseGuard guard = new LeaseGuard(held, instanceA, LEASE);
        clock.advance(LEASE.plusSeconds(1)); // the holder paused; its lease expired
        assertThat(instanceB.reclaimExpiredLeases()).isEqualTo(1);
        assertThat(instanceB.claimNext(Set.of("product"))).isPresent();

        // however soon it resumes, it stops once its trust runs out, and never later
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> assertThatThrownBy(guard::check)
                .isInstanceOfSatisfying(LeaseLostException.class, e -> assertThat(e.why())
                        .isEqualTo(LeaseLostException.Why.TAKEN_OVER)));
        assertThatThrownBy(guard::check).as("once lost, always lost").isInstanceOf(LeaseLostException.class);
    }

    @Test
    void onlyTheWorkersOwnThreadIsGuarded() {
        LeaseGuard guard = new LeaseGuard(held, instanceA, LEASE);
        guard.revoke(LeaseLostException.Why.STOPPING, "the service is stopping");

        LeaseGuard.checkCurrent(); // a thread that syncs nothing has nothing to check
        assertThat(LeaseGuard.currentStopping()).isFalse();
        guard.run(() -> {
            assertThat(LeaseGuard.currentTask()).contains(held);
            assertThat(LeaseGuard.currentStopping()).isTrue();
            assertThatThrownBy(LeaseGuard::checkCurrent).isInstanceOf(LeaseLostException.class);
        });
        assertThat(LeaseGuard.currentTask()).isEmpty();
    }

    private Instant leaseUntil() {
        Document task = db.mongo()
                .getCollection(CollectionNames.SYNC_TASKS)
                .find(new Document("_id", held.taskId()))
                .first();
        return task.getDate("leaseUntil").toInstant();
    }

    private TaskQueue queue(String instance) {
        return TestQueues.queue(db, instance, LeaseClock.trusting(clock), POLICY, new Random(1));
    }
}
