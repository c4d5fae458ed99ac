package dev.storesync.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue in Prometheus terms: tasks by status and the oldest one's wait (read from the database at most every few
 * seconds, whatever the scrape rate), syncs by outcome, dead letters, and the sync latency: from the first event a
 * sync covers to its end, which is what a merchant waits.
 */
public final class QueueMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(QueueMetrics.class);
    private static final Duration FRESH = Duration.ofSeconds(5);

    private final TaskQueue queue;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Timer latency;
    private final Counter deadLetters;
    private Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
    private double oldestWaitingSeconds;
    private Instant readAt = Instant.MIN;
    private boolean stale;

    public QueueMetrics(TaskQueue queue, Clock clock, MeterRegistry meters) {
        this.queue = queue;
        this.clock = clock;
        this.meters = meters;
        this.latency = Timer.builder("storesync_sync_latency")
                .description("From the first event a sync covers to the end of the sync")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(meters);
        this.deadLetters = Counter.builder("storesync_dead_letters")
                .description("Tasks that became dead letters")
                .register(meters);
        for (TaskStatus status : TaskStatus.values()) {
            Gauge.builder("storesync_tasks", this, metrics -> metrics.count(status))
                    .description("Tasks by status")
                    .tag("status", status.value())
                    .register(meters);
        }
        Gauge.builder("storesync_oldest_waiting", this, QueueMetrics::oldestWaitingSeconds)
                .description("Seconds the oldest task that is not done has waited")
                .baseUnit("seconds")
                .register(meters);
    }

    void synced(ClaimedTask task, TaskQueue.Outcome outcome) {
        outcome(outcome);
        task.pendingSince().ifPresent(since -> latency.record(Duration.between(since, clock.instant())));
    }

    void failed(TaskQueue.Outcome outcome) {
        outcome(outcome);
        if (outcome == TaskQueue.Outcome.DEAD) {
            deadLetters.increment();
        }
    }

    private void outcome(TaskQueue.Outcome outcome) {
        Counter.builder("storesync_syncs")
                .description("Sync attempts by outcome")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters)
                .increment();
    }

    private synchronized double count(TaskStatus status) {
        refresh();
        return stale ? Double.NaN : counts.getOrDefault(status, 0L);
    }

    private synchronized double oldestWaitingSeconds() {
        refresh();
        return stale ? Double.NaN : oldestWaitingSeconds;
    }

    private void refresh() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).compareTo(FRESH) < 0) {
            return;
        }
        readAt = now;
        try {
            counts = new EnumMap<>(queue.countByStatus());
            oldestWaitingSeconds = queue.oldestWaitingSince()
                    .map(since -> Duration.between(since, now).toMillis() / 1000.0)
                    .orElse(0.0);
            stale = false;
        } catch (RuntimeException e) {
            // a last value would look current: NaN is Prometheus's "unknown", and health says why
            if (!stale) {
                LOG.warn("the queue's gauges cannot be read ({}); they show NaN until they can", e.toString());
            }
            stale = true;
        }
    }
}
