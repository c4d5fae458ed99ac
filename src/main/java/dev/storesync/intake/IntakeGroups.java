package dev.storesync.intake;

import com.mongodb.MongoWriteException;
import dev.storesync.persistence.Durability;
import dev.storesync.queue.ResourceKey;
import dev.storesync.queue.TaskQueue;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes the webhooks received together durable together: each one alone costs two writes and its share of a commit,
 * so the requests that arrive while a group is being written wait, and the first of them then writes them all as the
 * next group: one bulk write of their tasks, one of their events, one commit, and every request of the group is
 * answered. On an external MongoDB the same grouping saves round trips and majority-write waits.
 *
 * <p>The order of G1 holds per event: its task is due before it is logged, and it is acknowledged only once both are
 * durable. The items of a group succeed or fail on their own: an event the database refuses fails its own request
 * (its task may still sync once more, which is harmless), the others are stored. A failure of the whole write (the
 * database unreachable) or of the commit fails every request of the group, and none of them is acknowledged.
 */
final class IntakeGroups {
    /** The most webhooks one group writes; a bulk write of these stays well within one message to the database. */
    static final int MAX_GROUP = 256;

    private final TaskQueue queue;
    private final WebhookEventLog events;
    private final Durability durability;
    private final Clock clock;
    private final DistributionSummary groupSizes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writerDone = lock.newCondition();
    private final List<Pending> waiting = new ArrayList<>();
    private boolean writing;

    IntakeGroups(TaskQueue queue, WebhookEventLog events, Durability durability, Clock clock, MeterRegistry meters) {
        this.queue = queue;
        this.events = events;
        this.durability = durability;
        this.clock = clock;
        this.groupSizes = DistributionSummary.builder("storesync_intake_group_size")
                .description("Webhooks made durable together by one group of writes and one commit")
                .register(meters);
    }

    /**
     * Returns once the event and the task of its resource, {@code key}, are durable.
     *
     * @return true when the event was stored now, false when the log held it already (a redelivery)
     */
    boolean store(WebhookEvent event, ResourceKey key) {
        Pending mine = new Pending(event, key);
        List<Pending> group = null;
        lock.lock();
        try {
            waiting.add(mine);
            while (!mine.taken) {
                if (writing) {
                    writerDone.awaitUninterruptibly();
                } else {
                    group = takeGroup();
                }
            }
        } finally {
            lock.unlock();
        }
        if (group != null) {
            writeAndCommit(group);
        }
        try {
            return mine.stored.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    /** Requests waiting for the group being written to finish (tests watch groups form). */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Called holding the lock. */
    private List<Pending> takeGroup() {
        writing = true;
        List<Pending> group = new ArrayList<>(waiting.subList(0, Math.min(MAX_GROUP, waiting.size())));
        waiting.subList(0, group.size()).clear();
        group.forEach(pending -> pending.taken = true);
        return group;
    }

    private void writeAndCommit(List<Pending> group) {
        groupSizes.record(group.size());
        try {
            write(group);
        } catch (RuntimeException e) {
            group.forEach(pending -> pending.fail(e));
        } finally {
            // the next group is written while this one commits: the commits of both then share one file write
            lock.lock();
            try {
                writing = false;
                writerDone.signalAll();
            } finally {
                lock.unlock();
            }
        }
        try {
            durability.await();
        } catch (RuntimeException e) {
            group.forEach(pending -> pending.fail(e));
        }
        group.forEach(Pending::complete);
    }

    /** Records each item's outcome without completing it: nothing is acknowledged before the commit. */
    private void write(List<Pending> group) {
        Instant receivedAt = clock.instant();
        Map<String, MongoWriteException> failedTasks = queue.enqueueAll(eventsByTask(group));
        Map<String, Pending> firstCopies = new LinkedHashMap<>();
        List<WebhookEventLog.Entry> entries = new ArrayList<>();
        for (Pending pending : group) {
            MongoWriteException taskFailure = failedTasks.get(pending.key.taskId());
            if (taskFailure != null) {
                pending.fail(taskFailure);
            } else if (firstCopies.putIfAbsent(pending.event.eventId(), pending) == null) {
                entries.add(new WebhookEventLog.Entry(pending.event, queue.destination(), pending.key.taskId()));
            }
        }
        WebhookEventLog.Appended appended = events.appendAll(entries, receivedAt);
        for (Pending pending : group) {
            if (pending.failure != null) {
                continue;
            }
            Pending first = firstCopies.get(pending.event.eventId());
            MongoWriteException refused = appended.refused().get(pending.event.eventId());
            if (refused != null) {
                pending.fail(refused);
            } else {
                // a second copy within one group is a redelivery of the first
                pending.result = first == pending && !appended.duplicates().contains(pending.event.eventId());
            }
        }
    }

    private static List<TaskQueue.Events> eventsByTask(List<Pending> group) {
        Map<ResourceKey, List<String>> hints = new HashMap<>();
        for (Pending pending : group) {
            hints.computeIfAbsent(pending.key, key -> new ArrayList<>()).add(pending.event.scope());
        }
        List<TaskQueue.Events> batch = new ArrayList<>();
        hints.forEach(
                (key, scopes) -> batch.add(new TaskQueue.Events(key, new LinkedHashSet<>(scopes), scopes.size())));
        return batch;
    }

    private static final class Pending {
        final WebhookEvent event;
        final ResourceKey key;
        final CompletableFuture<Boolean> stored = new CompletableFuture<>();
        /** Guarded by the lock. */
        boolean taken;
        /** Written and read by the group's writer only. */
        Boolean result;

        RuntimeException failure;

        Pending(WebhookEvent event, ResourceKey key) {
            this.event = event;
            this.key = key;
        }

        void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }

        void complete() {
            if (failure != null) {
                stored.completeExceptionally(failure);
            } else {
                stored.complete(result);
            }
        }
    }
}
