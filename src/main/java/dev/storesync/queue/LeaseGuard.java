package dev.storesync.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * What a worker holds while it syncs a task (G5, G6): before each write to Store B, and before the write of the task's
 * own id map entry, {@link #checkCurrent} makes sure the lease is still this sync's. A holder whose lease ran out (a long
 * pause, a lost database, a jumped clock) or was revoked (its deadline passed, the service is stopping) stops there,
 * instead of writing older state over the instance that took the task over.
 *
 * <p>Within half a lease of the last renewal the lease is trusted without asking (the clock that measures it is
 * monotonic, so a jump of the wall clock cannot stretch it); past that, the write waits for a renewal in the database.
 * Store B has no conditional writes, so a pause between this check and the write it guards is the one window left; half
 * a lease is its bound.
 */
public final class LeaseGuard {
    private static final ThreadLocal<LeaseGuard> CURRENT = new ThreadLocal<>();

    private final ClaimedTask task;
    private final TaskQueue queue;
    private final long trustNanos;
    private volatile long renewedAt;
    private volatile LeaseLostException revoked;

    LeaseGuard(ClaimedTask task, TaskQueue queue, Duration lease) {
        this.task = task;
        this.queue = queue;
        this.trustNanos = lease.toNanos() / 2;
        this.renewedAt = System.nanoTime();
    }

    /** Throws {@link LeaseLostException} when the task the current thread syncs may not be written any more. */
    public static void checkCurrent() {
        LeaseGuard guard = CURRENT.get();
        if (guard != null) {
            guard.check();
        }
    }

    /** The task the current thread syncs, if it syncs one. */
    public static Optional<ClaimedTask> currentTask() {
        return Optional.ofNullable(CURRENT.get()).map(guard -> guard.task);
    }

    /** Whether the current thread's sync was stopped because the service is stopping (its lease is still held). */
    public static boolean currentStopping() {
        LeaseGuard guard = CURRENT.get();
        return guard != null && guard.stopping();
    }

    boolean stopping() {
        LeaseLostException lost = revoked;
        return lost != null && lost.why() == LeaseLostException.Why.STOPPING;
    }

    void check() {
        LeaseLostException lost = revoked;
        if (lost != null) {
            throw lost;
        }
        if (System.nanoTime() - renewedAt > trustNanos) {
            long asked = System.nanoTime();
            if (queue.renewLease(task)) {
                renewedAsOf(asked);
            } else {
                revoke(LeaseLostException.Why.TAKEN_OVER, "its lease ran out and was taken over");
                throw revoked;
            }
        }
    }

    /** The lease was renewed by a request sent at {@code askedAt}: it runs from then, not from the answer. */
    void renewedAsOf(long askedAt) {
        renewedAt = askedAt;
    }

    void revoke(LeaseLostException.Why why, String reason) {
        if (revoked == null) {
            revoked = new LeaseLostException(why, task.taskId() + ": " + reason + "; nothing more is written");
        }
    }

    void run(Runnable work) {
        CURRENT.set(this);
        try {
            work.run();
        } finally {
            CURRENT.remove();
        }
    }
}
