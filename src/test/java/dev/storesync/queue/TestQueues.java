package dev.storesync.queue;

import dev.storesync.config.Settings;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.testsupport.TestDatabase;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Queues and their settings for tests that build a {@link TaskQueue} by hand, as one instance of several. */
public final class TestQueues {
    private TestQueues() {}

    /** Four workers, retries from 2 s to 10 min, a dead letter after three permanent failures. */
    public static Settings.Queue policy(Duration lease, Duration attemptDeadline) {
        return new Settings.Queue(
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                4,
                lease,
                Duration.ofSeconds(2),
                Duration.ofMinutes(10),
                3,
                Duration.ofMinutes(15),
                attemptDeadline);
    }

    public static Settings.Queue policy(Duration lease) {
        return policy(lease, Duration.ofMinutes(10));
    }

    /** Instance {@code instance}'s view of destination {@code storeb}, its backoff drawing from {@code random}. */
    public static TaskQueue queue(
            TestDatabase db, String instance, LeaseClock clock, Settings.Queue policy, RandomGenerator random) {
        return new TaskQueue(
                db.mongo(),
                CollectionNames.SYNC_TASKS,
                clock,
                "storeb",
                instance,
                policy,
                Duration.ofHours(24),
                new Backoff(policy.retryBase(), policy.retryMax(), random));
    }
}
