package dev.storesync.queue;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.addEachToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.min;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import dev.storesync.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The sync queue of DESIGN §5: one document per resource in {@code sync_tasks}, keyed by {@link ResourceKey#taskId()},
 * whose status cycles {@code pending → in_progress → done | retry | dead}. Every transition is a single conditional
 * write, so several instances can share one database:
 *
 * <ul>
 *   <li>{@link #enqueue} coalesces events into the one task (G4) and bumps {@code seq}, so a sync already in flight
 *       knows it must run again (G3);
 *   <li>{@link #claimNext} is an atomic {@code findOneAndUpdate} that takes a lease (G5);
 *   <li>{@link #reclaimExpiredLeases} frees tasks of instances that died (G6);
 *   <li>{@link #fail} backs off or dead-letters (G7); a due time per task keeps one failing resource from holding up
 *       the others (G8).
 * </ul>
 */
public final class TaskQueue {
    private static final int ENQUEUE_ATTEMPTS = 5;
    private static final List<String> OPEN =
            List.of(TaskStatus.PENDING.value(), TaskStatus.RETRY.value(), TaskStatus.IN_PROGRESS.value());
    private static final List<String> WAITING = List.of(TaskStatus.PENDING.value(), TaskStatus.RETRY.value());
    private static final List<String> FINISHED = List.of(TaskStatus.DONE.value(), TaskStatus.DEAD.value());

    private final MongoDatabase database;
    private final MongoCollection<Document> tasks;
    private final LeaseClock clock;
    private final String destination;
    private final String instanceId;
    private final Settings.Queue policy;
    private final Duration keepFinished;
    private final Backoff backoff;

    /** @param collection the name of the tasks' collection in {@code database} */
    public TaskQueue(
            MongoDatabase database,
            String collection,
            LeaseClock clock,
            String destination,
            String instanceId,
            Settings.Queue policy,
            Duration keepFinished,
            Backoff backoff) {
        this.database = database;
        this.tasks = database.getCollection(collection);
        this.clock = clock;
        this.destination = destination;
        this.instanceId = instanceId;
        this.policy = policy;
        this.keepFinished = keepFinished;
        this.backoff = backoff;
    }

    /** What an event did to its resource's task. */
    public enum Enqueued {
        /** The resource had no task: one was created. */
        CREATED,
        /** A task was already waiting: the event joined it. */
        COALESCED,
        /** A sync is running: it will run once more when it finishes. */
        RESYNC_AFTER_CURRENT,
        /** The task was done or dead: it is pending again. */
        REOPENED
    }

    public String destination() {
        return destination;
    }

    /**
     * Records that an event for {@code key} arrived: afterwards a sync of it is due that starts after now.
     *
     * <p>The event bumps {@code seq} whatever the task's state, in one write on {@code _id} alone. A task that was
     * waiting or running needs nothing more (G3, G4). A done or dead one is then reopened, on condition that it is
     * still in the state we saw: if it is not, another actor reopened it after our bump, so the sync that follows
     * covers this event too.
     */
    public Enqueued enqueue(ResourceKey key, String hint) {
        return enqueue(new Events(key, Set.of(hint), 1));
    }

    private Enqueued enqueue(Events events) {
        String id = events.key().taskId();
        Instant now = clock.now();
        Document before = upsertEvent(events, now);
        if (before == null) {
            return Enqueued.CREATED;
        }
        TaskStatus status = TaskStatus.fromValue(before.getString("status"));
        switch (status) {
            case IN_PROGRESS:
                return Enqueued.RESYNC_AFTER_CURRENT;
            case PENDING:
            case RETRY:
                return Enqueued.COALESCED;
            default:
                transition(byIdAndStatus(id, status), reopen(now));
                return Enqueued.REOPENED;
        }
    }

    /**
     * {@link #enqueue} for the events of many resources at once (a group of webhooks received together): one bulk
     * write bumps every task (creating those that are new), a second reopens those found done or dead after it. Blind, that second write is still
     * right: after our bump a task is only done or dead if it was before (a sync that ends checks that no event came
     * in meanwhile), or if it became a dead letter since, and a new event deserves a new try either way.
     *
     * @return what failed, by task id; every other task has its sync due after now
     */
    public Map<String, MongoWriteException> enqueueAll(Collection<Events> batch) {
        Instant now = clock.now();
        List<UpdateOneModel<Document>> bumps = new ArrayList<>();
        for (Events events : batch) {
            bumps.add(new UpdateOneModel<>(
                    byId(events.key().taskId()),
                    eventUpdate(events.key(), events.hints(), events.count(), now),
                    new UpdateOptions().upsert(true)));
        }
        BulkWrites.Outcome bumped = BulkWrites.write(tasks, bumps, TaskQueue::taskIdOf);
        Map<String, MongoWriteException> failed = new HashMap<>(bumped.refused());
        List<UpdateOneModel<Document>> reopens = new ArrayList<>();
        for (Events events : batch) {
            String id = events.key().taskId();
            // a task the bump created is pending already
            if (!failed.containsKey(id) && !bumped.created().contains(id)) {
                reopens.add(
                        new UpdateOneModel<>(byId(id).append("status", new Document("$in", FINISHED)), reopen(now)));
            }
        }
        failed.putAll(BulkWrites.failures(tasks, reopens, TaskQueue::taskIdOf));
        // two first events racing to create a task (another instance, the admin API): the loser updates the winner's
        for (Events events : batch) {
            MongoWriteException failure = failed.get(events.key().taskId());
            if (failure != null && isDuplicateKey(failure)) {
                try {
                    enqueue(events);
                    failed.remove(events.key().taskId());
                } catch (MongoWriteException | MongoCommandException e) {
                    // refused again: it stays refused
                }
            }
        }
        return failed;
    }

    /** A done or dead task waiting again, as a new one would. */
    private static Bson reopen(Instant now) {
        return combine(
                set("status", TaskStatus.PENDING.value()),
                set("attempts", 0),
                set("permanentFailures", 0),
                set("nextAttemptAt", Date.from(now)),
                set("pendingSince", Date.from(now)));
    }

    /** {@code count} events for one resource, with what they hint at. */
    public record Events(ResourceKey key, Set<String> hints, int count) {}

    private static String taskIdOf(UpdateOneModel<Document> update) {
        return ((Document) update.getFilter()).getString("_id");
    }

    /** Counts the event on the resource's task, creating it if needed; returns the task as it was before. */
    private Document upsertEvent(Events events, Instant now) {
        ResourceKey key = events.key();
        Bson update = eventUpdate(key, events.hints(), events.count(), now);
        FindOneAndUpdateOptions upsert =
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE);
        for (int attempt = 1; ; attempt++) {
            try {
                return tasks.findOneAndUpdate(byId(key.taskId()), update, upsert);
            } catch (MongoWriteException | MongoCommandException e) {
                // two first events racing to create the task: the loser updates the winner's document
                if (!isDuplicateKey(e) || attempt >= ENQUEUE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static Bson eventUpdate(ResourceKey key, Set<String> hints, int count, Instant now) {
        return combine(
                inc("seq", (long) count),
                inc("eventCount", (long) count),
                set("lastEventAt", Date.from(now)),
                set("updatedAt", Date.from(now)),
                // the first event since the last claim: when the sync after a running one starts waiting
                min("unclaimedSince", Date.from(now)),
                addEachToSet("hints", List.copyOf(hints)),
                setOnInsert("dest", key.destination()),
                setOnInsert("type", key.resourceType()),
                setOnInsert("resourceId", key.resourceId()),
                setOnInsert("status", TaskStatus.PENDING.value()),
                setOnInsert("attempts", 0),
                setOnInsert("nextAttemptAt", Date.from(now)),
                setOnInsert("pendingSince", Date.from(now)),
                setOnInsert("createdAt", Date.from(now)));
    }

    /**
     * Takes the due task that has waited longest, among the resource types this instance has handlers for, and
     * leases it to this instance.
     */
    public Optional<ClaimedTask> claimNext(Collection<String> resourceTypes) {
        if (resourceTypes.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.certainNow();
        String token = UUID.randomUUID().toString();
        Document claimed = tasks.findOneAndUpdate(
                and(
                        eq("dest", destination),
                        in("status", WAITING),
                        lte("nextAttemptAt", Date.from(now)),
                        in("type", resourceTypes)),
                combine(
                        set("status", TaskStatus.IN_PROGRESS.value()),
                        set("leaseOwner", instanceId),
                        set("leaseToken", token),
                        set("leaseUntil", Date.from(now.plus(policy.lease()))),
                        set("startedAt", Date.from(now)),
                        set("updatedAt", Date.from(now)),
                        unset("unclaimedSince"),
                        inc("attempts", 1)),
                new FindOneAndUpdateOptions()
                        .sort(Sorts.ascending("nextAttemptAt"))
                        .returnDocument(ReturnDocument.AFTER));
        if (claimed == null) {
            return Optional.empty();
        }
        SyncTask task = SyncTask.from(claimed);
        return Optional.of(new ClaimedTask(
                task.id(),
                task.key(),
                claimed.get("seq", Number.class).longValue(),
                task.attempts(),
                claimed.get("permanentFailures", 0),
                task.hints(),
                task.eventCount(),
                token,
                now,
                task.pendingSince()));
    }

    /** Extends a lease that is still ours; false when it was lost (expired and taken over). */
    public boolean renewLease(ClaimedTask task) {
        Instant now = clock.certainNow();
        return transition(
                leased(task), set("leaseUntil", Date.from(now.plus(policy.lease()))), set("updatedAt", Date.from(now)));
    }

    /** What became of a task whose attempt ended. */
    public enum Outcome {
        DONE,
        /** Events arrived during the attempt: the resource syncs again. */
        REQUEUED,
        RETRY,
        DEAD,
        /** The lease had been taken over; nothing was written. */
        LEASE_LOST,
        /** Given back without counting the attempt: the service stopped it. */
        RELEASED,
        /** Not counted either: no sync can succeed for now (see {@link SyncPause}); due again at once. */
        PAUSED
    }

    public Outcome complete(ClaimedTask task) {
        Instant now = clock.now();
        boolean done = transition(
                leasedUnchanged(task),
                set("status", TaskStatus.DONE.value()),
                set("attempts", 0),
                set("permanentFailures", 0),
                set("hints", List.of()),
                set("finishedAt", Date.from(now)),
                set("updatedAt", Date.from(now)),
                unset("lastError"),
                releaseLease());
        if (done) {
            return Outcome.DONE;
        }
        // events arrived during the sync: the next one covers them, and they have waited since the first of them came
        Document current = tasks.find(leased(task)).first();
        if (current == null) {
            return Outcome.LEASE_LOST;
        }
        Date waitingSince =
                Optional.ofNullable(current.getDate("unclaimedSince")).orElse(Date.from(now));
        boolean requeued = transition(
                leased(task),
                set("status", TaskStatus.PENDING.value()),
                set("attempts", 0),
                set("permanentFailures", 0),
                set("nextAttemptAt", Date.from(now)),
                set("pendingSince", waitingSince),
                set("updatedAt", Date.from(now)),
                unset("lastError"),
                releaseLease());
        return requeued ? Outcome.REQUEUED : Outcome.LEASE_LOST;
    }

    /**
     * Records a failed attempt. Transient failures retry with backoff for as long as they last; a permanent failure
     * becomes a dead letter once the task has failed permanently {@code deadLetterAfter} times since it last succeeded
     * (transient failures in between do not count), unless events arrived during the attempt (they may carry the fix),
     * in which case it retries. A pause is not the task's failure: the attempt does not count, and it is due again at
     * once.
     */
    public Outcome fail(ClaimedTask task, TaskFailure failure) {
        Instant now = clock.now();
        Document error = error(failure.kind(), failure.reason(), now, task.attempt());
        if (failure.kind() == FailureKind.PAUSED) {
            boolean paused = transition(
                    leased(task),
                    set("status", TaskStatus.RETRY.value()),
                    set("nextAttemptAt", Date.from(now)),
                    set("updatedAt", Date.from(now)),
                    set("lastError", error),
                    inc("attempts", -1),
                    releaseLease());
            return paused ? Outcome.PAUSED : Outcome.LEASE_LOST;
        }
        int permanentFailures = task.permanentFailures() + (failure.kind() == FailureKind.PERMANENT ? 1 : 0);
        if (failure.kind() == FailureKind.PERMANENT && permanentFailures >= policy.deadLetterAfter()) {
            boolean dead = transition(
                    leasedUnchanged(task),
                    set("status", TaskStatus.DEAD.value()),
                    set("permanentFailures", permanentFailures),
                    set("deadAt", Date.from(now)),
                    set("updatedAt", Date.from(now)),
                    set("lastError", error),
                    releaseLease());
            if (dead) {
                return Outcome.DEAD;
            }
        }
        Instant next = now.plus(backoff.delay(task.attempt(), failure.retryAfter()));
        boolean retry = transition(
                leased(task),
                set("status", TaskStatus.RETRY.value()),
                set("permanentFailures", permanentFailures),
                set("nextAttemptAt", Date.from(next)),
                set("updatedAt", Date.from(now)),
                set("lastError", error),
                releaseLease());
        return retry ? Outcome.RETRY : Outcome.LEASE_LOST;
    }

    /** Gives a task back without counting the attempt (shutdown): it is due again at once, for any instance. */
    public boolean release(ClaimedTask task) {
        Instant now = clock.now();
        return transition(
                leased(task),
                set("status", TaskStatus.PENDING.value()),
                set("nextAttemptAt", Date.from(now)),
                set("updatedAt", Date.from(now)),
                inc("attempts", -1),
                releaseLease());
    }

    /** Returns the tasks of instances that stopped renewing their leases (crashed, killed, cut off) to the queue. */
    public long reclaimExpiredLeases() {
        Instant now = clock.certainNow();
        Document error = error(
                FailureKind.TRANSIENT,
                "lease expired: the instance working on it stopped or lost the database",
                now,
                0);
        return tasks.updateMany(
                        and(
                                eq("dest", destination),
                                eq("status", TaskStatus.IN_PROGRESS.value()),
                                lt("leaseUntil", Date.from(now))),
                        combine(
                                set("status", TaskStatus.RETRY.value()),
                                set("nextAttemptAt", Date.from(now)),
                                set("updatedAt", Date.from(now)),
                                set("lastError", error),
                                releaseLease()))
                .getModifiedCount();
    }

    /** Puts one dead letter back in the queue with a fresh attempt counter; false when it is not a dead letter. */
    public boolean replay(String taskId) {
        return transition(byIdAndStatus(taskId, TaskStatus.DEAD), replayUpdate());
    }

    /** Puts every dead letter of this destination back in the queue; returns how many. */
    public long replayAllDead() {
        return tasks.updateMany(and(eq("dest", destination), eq("status", TaskStatus.DEAD.value())), replayUpdate())
                .getModifiedCount();
    }

    private Bson replayUpdate() {
        Instant now = clock.now();
        return combine(
                set("status", TaskStatus.PENDING.value()),
                set("attempts", 0),
                set("permanentFailures", 0),
                set("nextAttemptAt", Date.from(now)),
                set("pendingSince", Date.from(now)),
                set("replayedAt", Date.from(now)),
                set("updatedAt", Date.from(now)),
                unset("deadAt"));
    }

    /** Deletes tasks that finished longer ago than the retention; waiting, running and dead tasks are never touched. */
    public long removeFinished() {
        Instant cutoff = clock.now().minus(keepFinished);
        // lastEventAt too: an event that just bumped a done task must find it again when it reopens it
        return tasks.deleteMany(and(
                        eq("dest", destination),
                        eq("status", TaskStatus.DONE.value()),
                        lt("finishedAt", Date.from(cutoff)),
                        lt("lastEventAt", Date.from(cutoff))))
                .getDeletedCount();
    }

    public Optional<SyncTask> find(String taskId) {
        return Optional.ofNullable(tasks.find(byId(taskId)).first()).map(SyncTask::from);
    }

    /** Tasks of this destination, most recently updated first. */
    public List<SyncTask> list(Optional<TaskStatus> status, int limit) {
        Bson filter = status.map(s -> and(eq("dest", destination), eq("status", s.value())))
                .orElse(eq("dest", destination));
        List<SyncTask> result = new ArrayList<>();
        tasks.find(filter).sort(Sorts.descending("updatedAt")).limit(limit).forEach(d -> result.add(SyncTask.from(d)));
        return result;
    }

    /** Tasks of this destination that finished a sync at or after {@code since}. */
    public long countDoneSince(Instant since) {
        return count(and(
                eq("dest", destination), eq("status", TaskStatus.DONE.value()), gte("finishedAt", Date.from(since))));
    }

    /** When the last sync of this destination finished. */
    public Optional<Instant> lastDoneAt() {
        Document last = tasks.find(and(eq("dest", destination), eq("status", TaskStatus.DONE.value())))
                .sort(Sorts.descending("finishedAt"))
                .limit(1)
                .first();
        return Optional.ofNullable(last).map(d -> d.getDate("finishedAt").toInstant());
    }

    /** One count per status, each answered by the index that leads with destination and status. */
    public Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, count(and(eq("dest", destination), eq("status", status.value()))));
        }
        return counts;
    }

    private long count(Bson filter) {
        return IndexedCount.count(database, tasks, filter);
    }

    /** When the longest-waiting task that is not yet done started waiting. */
    public Optional<Instant> oldestWaitingSince() {
        return oldestWaiting().flatMap(SyncTask::pendingSince);
    }

    /** The task that has waited longest without being done (pending, running or waiting for a retry). */
    public Optional<SyncTask> oldestWaiting() {
        Document oldest = tasks.find(and(eq("dest", destination), in("status", OPEN)))
                .sort(Sorts.ascending("pendingSince"))
                .limit(1)
                .first();
        return Optional.ofNullable(oldest).map(SyncTask::from);
    }

    /** Applies {@code changes} to the task matching {@code filter}; false when none matched (the condition failed). */
    private boolean transition(Bson filter, Bson... changes) {
        return tasks.updateOne(filter, combine(changes)).getMatchedCount() == 1;
    }

    /** The {@code lastError} sub-document; {@link SyncTask#from} reads it back. */
    private static Document error(FailureKind kind, String message, Instant at, int attempt) {
        return new Document("kind", kind.name())
                .append("message", message)
                .append("at", Date.from(at))
                .append("attempt", attempt);
    }

    /*
     * Filters on one task name its _id: both servers find the document by _id, then check the other conditions.
     */

    private static Document byId(String id) {
        return new Document("_id", id);
    }

    private static Document byIdAndStatus(String id, TaskStatus status) {
        return byId(id).append("status", status.value());
    }

    private static Document leased(ClaimedTask task) {
        return byId(task.taskId()).append("leaseToken", task.leaseToken());
    }

    /** Leased, and no event arrived since the claim. */
    private static Document leasedUnchanged(ClaimedTask task) {
        return leased(task).append("seq", task.seq());
    }

    private static Bson releaseLease() {
        return combine(unset("leaseOwner"), unset("leaseToken"), unset("leaseUntil"));
    }

    private static boolean isDuplicateKey(RuntimeException e) {
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e instanceof MongoCommandException command
                && ErrorCategory.fromErrorCode(command.getErrorCode()) == ErrorCategory.DUPLICATE_KEY;
    }
}
