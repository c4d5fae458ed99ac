package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.config.Settings;
import dev.storesync.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G5 and G6 with two instances whose machine clocks differ by 30 s, more than the lease: leases measured on the database's
 * clock stay with their holder; the control shows that the same skew on machine clocks hands a live lease to the second
 * instance, so the skew is large enough to matter.
 */
class ClockSkewTest {
    private static final Set<String> PRODUCTS = Set.of("product");
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Settings.Queue POLICY = TestQueues.policy(Duration.ofSeconds(20));
    private static final ResourceKey PRODUCT = new ResourceKey("storeb", "product", 1);

    @TempDir
    Path dir;

    TestDatabase db;

    @BeforeEach
    void open() {
        db = TestDatabase.open(dir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void onTheDatabasesClockASkewOf30SecondsTakesNoLiveLease() {
        TaskQueue a = queue("instance-a", databaseClock(Clock.systemUTC()));
        TaskQueue b = queue("instance-b", databaseClock(Clock.offset(Clock.systemUTC(), SKEW)));
        a.enqueue(PRODUCT, "store/product/updated");
        ClaimedTask held = a.claimNext(PRODUCTS).orElseThrow();

        assertThat(b.reclaimExpiredLeases()).isZero();
        assertThat(b.claimNext(PRODUCTS)).isEmpty();
        assertThat(a.renewLease(held)).isTrue();
        assertThat(a.complete(held)).isEqualTo(TaskQueue.Outcome.DONE);
    }

    @Test
    void controlOnMachineClocksTheSameSkewHandsTheLeaseToTheOtherInstance() {
        TaskQueue a = queue("instance-a", LeaseClock.trusting(Clock.systemUTC()));
        TaskQueue b = queue("instance-b", LeaseClock.trusting(Clock.offset(Clock.systemUTC(), SKEW)));
        a.enqueue(PRODUCT, "store/product/updated");
        ClaimedTask held = a.claimNext(PRODUCTS).orElseThrow();

        assertThat(b.reclaimExpiredLeases()).isEqualTo(1);
        assertThat(b.claimNext(PRODUCTS)).isPresent();
        assertThat(a.renewLease(held)).isFalse();
    }

    private DatabaseClock databaseClock(Clock machine) {
        return new DatabaseClock(
                () -> DatabaseClock.serverTime(db.mongo()),
                machine,
                System::nanoTime,
                Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    private TaskQueue queue(String instance, LeaseClock clock) {
        return TestQueues.queue(db, instance, clock, POLICY, new Random(1));
    }
}
