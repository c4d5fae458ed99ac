package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.MutableClock;
import dev.storesync.testsupport.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's gauges say "unknown" when the database cannot be read, rather than a last value that looks current. */
class QueueMetricsTest {
    @TempDir
    Path dir;

    @Test
    void gaugesAreUnknownWhileTheDatabaseCannotBeRead() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TestDatabase db = TestDatabase.open(dir);
        TaskQueue queue = TestQueues.queue(
                db, "instance-a", LeaseClock.trusting(clock), TestQueues.policy(Duration.ofMinutes(1)), new Random(1));
        new QueueMetrics(queue, clock, meters);
        queue.enqueue(new ResourceKey("storeb", "product", 1), "store/product/updated");
        clock.advance(Duration.ofSeconds(30));
        assertThat(pending(meters)).isEqualTo(1.0);
        assertThat(oldest(meters)).isEqualTo(30.0);

        db.close();
        clock.advance(Duration.ofMinutes(1));

        assertThat(pending(meters)).isNaN();
        assertThat(oldest(meters)).isNaN();
    }

    private static double pending(SimpleMeterRegistry meters) {
        return meters.get("storesync_tasks").tag("status", "pending").gauge().value();
    }

    private static double oldest(SimpleMeterRegistry meters) {
        return meters.get("storesync_oldest_waiting").gauge().value();
    }
}
