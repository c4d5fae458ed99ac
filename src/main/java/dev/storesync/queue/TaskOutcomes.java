package dev.storesync.queue;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records how an attempt ended; the sync-task route calls it after the handler returned or threw. */
public final class TaskOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(TaskOutcomes.class);

    private final TaskQueue queue;
    private final QueueMetrics metrics;

    public TaskOutcomes(TaskQueue queue, QueueMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    public TaskQueue.Outcome succeeded(@Body ClaimedTask task) {
        TaskQueue.Outcome outcome = queue.complete(task);
        metrics.synced(task, outcome);
        switch (outcome) {
            case DONE -> LOG.debug(
                    "{} synced (attempt {}, {} events)", task.taskId(), task.attempt(), task.eventCount());
            case REQUEUED -> LOG.debug("{} synced; events arrived meanwhile, so it syncs again", task.taskId());
            default -> LOG.warn("{} synced, but its lease had been taken over by another instance", task.taskId());
        }
        return outcome;
    }

    public TaskQueue.Outcome failed(
            @Body ClaimedTask task, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable exception) {
        if (LeaseGuard.currentStopping()) {
            // stopped by the shutdown: not a failure of the task; the dispatcher gives the lease back once this worker
            // has ended
            return TaskQueue.Outcome.RELEASED;
        }
        TaskFailure failure = FailureClassifier.classify(exception);
        TaskQueue.Outcome outcome = queue.fail(task, failure);
        metrics.failed(outcome);
        switch (outcome) {
            case DEAD -> LOG.error(
                    "{} is a dead letter after {} permanent failures: {}",
                    task.taskId(),
                    task.permanentFailures() + 1,
                    failure.reason());
            case RETRY -> LOG.warn(
                    "{} failed (attempt {}, {}), will retry: {}",
                    task.taskId(),
                    task.attempt(),
                    failure.kind().name().toLowerCase(java.util.Locale.ROOT),
                    failure.reason());
            case PAUSED -> LOG.debug("{} waits, not counted: {}", task.taskId(), failure.reason());
            default -> LOG.warn("{} failed, but its lease had been taken over: {}", task.taskId(), failure.reason());
        }
        return outcome;
    }
}
