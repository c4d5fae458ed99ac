package dev.storesync.admin;

import dev.storesync.bigcommerce.BigCommerceException;
import dev.storesync.hooks.HookLifecycle;
import dev.storesync.intake.WebhookEventLog;
import dev.storesync.persistence.Durability;
import dev.storesync.queue.DispatcherWakeUp;
import dev.storesync.queue.PermanentSyncException;
import dev.storesync.queue.ResourceKey;
import dev.storesync.queue.SyncTask;
import dev.storesync.queue.TaskQueue;
import dev.storesync.queue.TaskStatus;
import dev.storesync.reconcile.Reconciler;
import dev.storesync.sync.ProductDiff;
import dev.storesync.sync.ProductDryRun;
import dev.storesync.web.HttpProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Header;

/**
 * {@code /admin/api} (DESIGN §8): what an operator needs to see and steer the queue. Every method answers a
 * JSON-ready value or throws an {@link HttpProblem} that says what was wrong with the request.
 */
public final class AdminApi {
    static final Set<String> RESOURCE_TYPES = Set.of("product", "category", "brand");
    private static final int MAX_LIMIT = 500;
    private static final int RECENT_FAILURES = 10;

    private final TaskQueue queue;
    private final WebhookEventLog events;
    private final HookLifecycle hooks;
    private final boolean hooksManaged;
    private final ProductDryRun products;
    private final MeterRegistry meters;
    private final DispatcherWakeUp wakeUp;
    private final Durability durability;
    private final Clock clock;
    private final Reconciler reconciler;

    public AdminApi(
            TaskQueue queue,
            WebhookEventLog events,
            HookLifecycle hooks,
            boolean hooksManaged,
            ProductDryRun products,
            MeterRegistry meters,
            DispatcherWakeUp wakeUp,
            Durability durability,
            Reconciler reconciler,
            Clock clock) {
        this.durability = durability;
        this.reconciler = reconciler;
        this.queue = queue;
        this.events = events;
        this.hooks = hooks;
        this.hooksManaged = hooksManaged;
        this.products = products;
        this.meters = meters;
        this.wakeUp = wakeUp;
        this.clock = clock;
    }

    /** GET status: the backlog, the flow of events and syncs, the hooks and the latest failures. */
    public Map<String, Object> status() {
        Instant now = clock.instant();
        Instant minuteAgo = now.minus(Duration.ofMinutes(1));
        Map<String, Object> status = new LinkedHashMap<>();
        Map<String, Long> tasks = new LinkedHashMap<>();
        queue.countByStatus().forEach((s, n) -> tasks.put(s.value(), n));
        status.put("tasks", tasks);
        status.put("reconcile", reconciler.recent(1).stream().findFirst().orElse(null));
        Optional<SyncTask> oldest = queue.oldestWaiting();
        status.put(
                "oldestPendingAgeSecs",
                oldest.flatMap(SyncTask::pendingSince)
                        .map(since -> Duration.between(since, now).toSeconds())
                        .orElse(0L));
        status.put("oldestPendingTask", oldest.map(SyncTask::id).orElse(null));
        Map<String, Object> received = new LinkedHashMap<>();
        received.put("stored", events.count());
        received.put("lastMinute", events.countSince(minuteAgo));
        received.put("duplicatesSinceStart", counter("storesync_webhooks_received", "duplicate"));
        status.put("events", received);
        Map<String, Object> syncs = new LinkedHashMap<>();
        syncs.put("lastMinute", queue.countDoneSince(minuteAgo));
        syncs.put("lastSyncAt", queue.lastDoneAt().map(Instant::toString).orElse(null));
        status.put("syncs", syncs);
        status.put("hooks", hooks());
        status.put(
                "recentFailures",
                failures(List.of(TaskStatus.RETRY, TaskStatus.DEAD)).stream()
                        .limit(RECENT_FAILURES)
                        .toList());
        return status;
    }

    /** GET tasks?status=&limit= */
    public List<Map<String, Object>> tasks(@Header("status") String status, @Header("limit") String limit) {
        Optional<TaskStatus> wanted =
                Optional.ofNullable(status).filter(s -> !s.isBlank()).map(AdminApi::status);
        return queue.list(wanted, limit(limit)).stream().map(TaskView::of).toList();
    }

    /** POST tasks/{id}/replay: a dead letter goes back in the queue, its attempts reset. */
    public Map<String, Object> replay(@Header("id") String id) {
        String taskId = ResourceKey.parse(id)
                .filter(key -> key.destination().equals(queue.destination()))
                .map(ResourceKey::taskId)
                .orElseThrow(
                        () -> HttpProblem.badRequest("a task id looks like " + queue.destination() + ":product:12"));
        // the replay is the check: it changes only a dead letter, so nothing can slip in between a look and it
        if (!queue.replay(taskId)) {
            SyncTask task =
                    queue.find(taskId).orElseThrow(() -> new HttpProblem(404, "not_found", "no task " + taskId));
            throw new HttpProblem(
                    409, "not_dead", taskId + " is " + task.status().value() + ", not a dead letter");
        }
        queued();
        return Map.of("replayed", taskId);
    }

    /** POST dead-letters/replay: every dead letter goes back in the queue. */
    public Map<String, Object> replayDeadLetters() {
        long replayed = queue.replayAllDead();
        queued();
        return Map.of("replayed", replayed);
    }

    /** POST sync/{resourceType}/{storeAId}: the resource syncs now, as if Store A had sent a webhook. */
    public Map<String, Object> sync(@Header("resourceType") String resourceType, @Header("storeAId") String storeAId) {
        if (resourceType == null || !RESOURCE_TYPES.contains(resourceType)) {
            throw HttpProblem.badRequest("resource type must be one of " + RESOURCE_TYPES);
        }
        ResourceKey key = new ResourceKey(queue.destination(), resourceType, id(storeAId));
        queue.enqueue(key, "admin");
        queued();
        return Map.of("queued", key.taskId());
    }

    /** The answer promises the work is queued: like a webhook's, it survives a crash from then on. */
    private void queued() {
        durability.await();
        wakeUp.wake();
    }

    /** GET diff/products/{storeAId}: what a sync of the product would write now; nothing is written. */
    public ProductDiff diff(@Header("storeAId") String storeAId) {
        try {
            return products.diff(id(storeAId));
        } catch (PermanentSyncException e) {
            throw new HttpProblem(422, "cannot_sync", e.getMessage());
        } catch (BigCommerceException e) {
            throw new HttpProblem(502, "store_unavailable", e.getMessage());
        }
    }

    private Map<String, Object> hooks() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("managed", hooksManaged);
        hooks.lastOutcome().ifPresent(outcome -> {
            view.put("checkedAt", outcome.at().toString());
            view.put("active", outcome.active());
            view.put("blockedDestinations", outcome.blockedDestinations());
            view.put("blocksUs", hooks.ourDestinationBlocked(outcome));
        });
        view.put("failure", hooks.lastFailure().orElse(null));
        return view;
    }

    private List<Map<String, Object>> failures(List<TaskStatus> statuses) {
        return statuses.stream()
                .flatMap(s -> queue.list(Optional.of(s), RECENT_FAILURES).stream())
                .sorted((a, b) -> b.lastError()
                        .map(SyncTask.TaskError::at)
                        .orElse(Instant.MIN)
                        .compareTo(a.lastError().map(SyncTask.TaskError::at).orElse(Instant.MIN)))
                .map(TaskView::of)
                .toList();
    }

    private double counter(String name, String outcome) {
        var counter = meters.find(name).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static TaskStatus status(String value) {
        try {
            return TaskStatus.fromValue(value.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("status must be one of pending, in_progress, retry, done, dead");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static long id(String value) {
        if (value != null && value.matches("[1-9][0-9]{0,9}")) {
            long id = Long.parseLong(value);
            if (id <= Integer.MAX_VALUE) {
                return id;
            }
        }
        throw HttpProblem.badRequest("a Store A id is a positive whole number");
    }
}
