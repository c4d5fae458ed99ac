package dev.storesync.health;

import dev.storesync.queue.SyncTask;
import dev.storesync.queue.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Nothing has waited too long: transient failures never dead-letter, so an old waiting task is how a stuck store or a
 * stuck sync shows. It shows in the overall health only; intake goes on meanwhile.
 */
public final class BacklogHealthCheck extends OverallHealthCheck {
    private final TaskQueue queue;
    private final Clock clock;
    private final Duration alertAfter;

    public BacklogHealthCheck(TaskQueue queue, Clock clock, Duration alertAfter) {
        super("backlog");
        this.queue = queue;
        this.clock = clock;
        this.alertAfter = alertAfter;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<SyncTask> oldest = queue.oldestWaiting();
        if (oldest.isEmpty() || oldest.get().pendingSince().isEmpty()) {
            builder.up().detail("oldest_waiting_secs", 0);
            return;
        }
        SyncTask task = oldest.get();
        Duration waited = Duration.between(task.pendingSince().get(), clock.instant());
        builder.detail("oldest_waiting_secs", waited.toSeconds()).detail("oldest_task", task.id());
        if (waited.compareTo(alertAfter) > 0) {
            builder.down()
                    .message(task.id() + " has waited " + waited.toMinutes() + " min (alert after "
                            + alertAfter.toMinutes() + " min)"
                            + task.lastError()
                                    .map(e -> "; last error: " + e.message())
                                    .orElse(""));
        } else {
            builder.up();
        }
    }
}
