package dev.storesync.queue;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import dev.storesync.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
    private static final List<String> CLOSED = List.of(TaskStatus.DONE.value(), TaskStatus.DEAD.value());
    private static final List<String> WAITING = List.of(TaskStatus.PENDING.value(), TaskStatus.RETRY.value());

    private final MongoCollection<Document> tasks;
    private final Clock clock;
    private final String destination;
    private final String instanceId;
    private final Settings.Queue policy;
    private final Duration keepFinished;
    private final Backoff backoff;

    public TaskQueue(
            MongoCollection<Document> tasks,
            Clock clock,
            String destination,
            String instanceId,
            Settings.Queue policy,
            Duration keepFinished,
            Backoff backoff) {
        this.tasks = tasks;
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

    /** Records that an event for {@code key} arrived: afterwards a sync of it is due that starts after now. */
    public Enqueued enqueue(ResourceKey key, String hint) {
        String id = key.taskId();
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            // done or dead: reopen with a fresh attempt counter
            Document reopened = tasks.findOneAndUpdate(
                    and(eq("_id", id), in("status", CLOSED)),
                    combine(
                            set("status", TaskStatus.PENDING.value()),
                            set("attempts", 0),
                            set("nextAttemptAt", Date.from(now)),
                            set("pendingSince", Date.from(now)),
                            eventFields(now, hint)));
            if (reopened != null) {
                return Enqueued.REOPENED;
            }
            try {
                // waiting or running (or absent: created). A concurrent completion can close the task between the
                // two statements; the upsert then collides with the existing _id and the loop reopens it instead.
                Document before = tasks.findOneAndUpdate(
                        and(eq("_id", id), in("status", OPEN)),
                        combine(
                                eventFields(now, hint),
                                setOnInsert("dest", key.destination()),
                                setOnInsert("type", key.resourceType()),
                                setOnInsert("resourceId", key.resourceId()),
                                setOnInsert("status", TaskStatus.PENDING.value()),
                                setOnInsert("attempts", 0),
                                setOnInsert("nextAttemptAt", Date.from(now)),
                                setOnInsert("pendingSince", Date.from(now)),
                                setOnInsert("createdAt", Date.from(now))),
                        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
                if (before == null) {
                    return Enqueued.CREATED;
                }
                return TaskStatus.IN_PROGRESS.value().equals(before.getString("status"))
                        ? Enqueued.RESYNC_AFTER_CURRENT
                        : Enqueued.COALESCED;
            } catch (MongoWriteException | MongoCommandException e) {
                if (!isDuplicateKey(e) || attempt >= ENQUEUE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static Bson eventFields(Instant now, String hint) {
        return combine(
                inc("seq", 1L),
                inc("eventCount", 1L),
                set("lastEventAt", Date.from(now)),
                set("updatedAt", Date.from(now)),
                addToSet("hints", hint));
    }

    /**
     * Takes the due task that has waited longest, among the resource types this instance has handlers for, and
     * leases it to this instance.
     */
    public Optional<ClaimedTask> claimNext(Collection<String> resourceTypes) {
        if (resourceTypes.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
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
                task.hints(),
                task.eventCount(),
                token,
                now));
    }

    /** Extends a lease that is still ours; false when it was lost (expired and taken over). */
    public boolean renewLease(ClaimedTask task) {
        Instant now = clock.instant();
        return tasks.updateOne(
                                leased(task),
                                combine(
                                        set("leaseUntil", Date.from(now.plus(policy.lease()))),
                                        set("updatedAt", Date.from(now))))
                        .getMatchedCount()
                == 1;
    }

    /** What became of a task whose attempt ended. */
    public enum Outcome {
        DONE,
        /** Events arrived during the attempt: the resource syncs again. */
        REQUEUED,
        RETRY,
        DEAD,
        /** The lease had been taken over; nothing was written. */
        LEASE_LOST
    }

    public Outcome complete(ClaimedTask task) {
        Instant now = clock.instant();
        boolean done = tasks.updateOne(
                                and(leased(task), eq("seq", task.seq())),
                                combine(
                                        set("status", TaskStatus.DONE.value()),
                                        set("attempts", 0),
                                        set("hints", List.of()),
                                        set("finishedAt", Date.from(now)),
                                        set("updatedAt", Date.from(now)),
                                        unset("lastError"),
                                        releaseLease()))
                        .getMatchedCount()
                == 1;
        if (done) {
            return Outcome.DONE;
        }
        boolean requeued = tasks.updateOne(
                                leased(task),
                                combine(
                                        set("status", TaskStatus.PENDING.value()),
                                        set("attempts", 0),
                                        set("nextAttemptAt", Date.from(now)),
                                        set("pendingSince", Date.from(now)),
                                        set("updatedAt", Date.from(now)),
                                        unset("lastError"),
                                        releaseLease()))
                        .getMatchedCount()
                == 1;
        return requeued ? Outcome.REQUEUED : Outcome.LEASE_LOST;
    }

    /**
     * Records a failed attempt. Transient failures retry with backoff for as long as they last; a permanent failure
     * becomes a dead letter once it has failed {@code deadLetterAfter} attempts in a row, unless events arrived during
     * the attempt (they may carry the fix), in which case it retries.
     */
    public Outcome fail(ClaimedTask task, TaskFailure failure) {
        Instant now = clock.instant();
        Document error = new Document("kind", failure.kind().name())
                .append("message", failure.reason())
                .append("at", Date.from(now))
                .append("attempt", task.attempt());
        if (failure.kind() == FailureKind.PERMANENT && task.attempt() >= policy.deadLetterAfter()) {
            boolean dead = tasks.updateOne(
                                    and(leased(task), eq("seq", task.seq())),
                                    combine(
                                            set("status", TaskStatus.DEAD.value()),
                                            set("deadAt", Date.from(now)),
                                            set("updatedAt", Date.from(now)),
                                            set("lastError", error),
                                            releaseLease()))
                            .getMatchedCount()
                    == 1;
            if (dead) {
                return Outcome.DEAD;
            }
        }
        Instant next = now.plus(backoff.delay(task.attempt(), failure.retryAfter()));
        boolean retry = tasks.updateOne(
                                leased(task),
                                combine(
                                        set("status", TaskStatus.RETRY.value()),
                                        set("nextAttemptAt", Date.from(next)),
                                        set("updatedAt", Date.from(now)),
                                        set("lastError", error),
                                        releaseLease()))
                        .getMatchedCount()
                == 1;
        return retry ? Outcome.RETRY : Outcome.LEASE_LOST;
    }

    /** Gives a task back without counting the attempt (shutdown): it is due again at once, for any instance. */
    public boolean release(ClaimedTask task) {
        Instant now = clock.instant();
        return tasks.updateOne(
                                leased(task),
                                combine(
                                        set("status", TaskStatus.PENDING.value()),
                                        set("nextAttemptAt", Date.from(now)),
                                        set("updatedAt", Date.from(now)),
                                        inc("attempts", -1),
                                        releaseLease()))
                        .getMatchedCount()
                == 1;
    }

    /** Returns the tasks of instances that stopped renewing their leases (crashed, killed, cut off) to the queue. */
    public long reclaimExpiredLeases() {
        Instant now = clock.instant();
        Document error = new Document("kind", FailureKind.TRANSIENT.name())
                .append("message", "lease expired: the instance working on it stopped or lost the database")
                .append("at", Date.from(now))
                .append("attempt", 0);
        return tasks.updateMany(
                        and(eq("status", TaskStatus.IN_PROGRESS.value()), lt("leaseUntil", Date.from(now))),
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
        return tasks.updateOne(and(eq("_id", taskId), eq("status", TaskStatus.DEAD.value())), replayUpdate())
                        .getMatchedCount()
                == 1;
    }

    /** Puts every dead letter of this destination back in the queue; returns how many. */
    public long replayAllDead() {
        return tasks.updateMany(and(eq("dest", destination), eq("status", TaskStatus.DEAD.value())), replayUpdate())
                .getModifiedCount();
    }

    private Bson replayUpdate() {
        Instant now = clock.instant();
        return combine(
                set("status", TaskStatus.PENDING.value()),
                set("attempts", 0),
                set("nextAttemptAt", Date.from(now)),
                set("pendingSince", Date.from(now)),
                set("replayedAt", Date.from(now)),
                set("updatedAt", Date.from(now)),
                unset("deadAt"));
    }

    /** Deletes tasks that finished longer ago than the retention; waiting, running and dead tasks are never touched. */
    public long removeFinished() {
        Instant cutoff = clock.instant().minus(keepFinished);
        return tasks.deleteMany(and(eq("status", TaskStatus.DONE.value()), lt("finishedAt", Date.from(cutoff))))
                .getDeletedCount();
    }

    public Optional<SyncTask> find(String taskId) {
        return Optional.ofNullable(tasks.find(eq("_id", taskId)).first()).map(SyncTask::from);
    }

    /** Tasks of this destination, most recently updated first. */
    public List<SyncTask> list(Optional<TaskStatus> status, int limit) {
        Bson filter = status.map(s -> and(eq("dest", destination), eq("status", s.value())))
                .orElse(eq("dest", destination));
        List<SyncTask> result = new ArrayList<>();
        tasks.find(filter).sort(Sorts.descending("updatedAt")).limit(limit).forEach(d -> result.add(SyncTask.from(d)));
        return result;
    }

    public Map<TaskStatus, Long> countByStatus() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        tasks.aggregate(List.of(
                        Aggregates.match(eq("dest", destination)),
                        Aggregates.group("$status", Accumulators.sum("n", 1))))
                .forEach(d -> counts.put(
                        TaskStatus.fromValue(d.getString("_id")),
                        d.get("n", Number.class).longValue()));
        return counts;
    }

    /** When the longest-waiting task that is not yet done started waiting. */
    public Optional<Instant> oldestWaitingSince() {
        Document oldest = tasks.find(and(eq("dest", destination), in("status", OPEN)))
                .sort(Sorts.ascending("pendingSince"))
                .limit(1)
                .first();
        return Optional.ofNullable(oldest).map(d -> d.getDate("pendingSince").toInstant());
    }

    /** The resource types that have tasks waiting, whether or not this instance can handle them. */
    public Set<String> waitingTypes() {
        return tasks.distinct("type", and(eq("dest", destination), in("status", WAITING)), String.class)
                .into(new TreeSet<>());
    }

    private static Bson leased(ClaimedTask task) {
        return and(eq("_id", task.taskId()), eq("leaseToken", task.leaseToken()));
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
