package dev.storesync.queue;

import java.time.Duration;

/** Lets tests outside {@code queue} run code as a sync worker does: on the thread that holds a task's lease. */
public final class LeaseHolding {
    private LeaseHolding() {}

    public static void asHolderOf(ClaimedTask task, TaskQueue queue, Duration lease, Runnable work) {
        new LeaseGuard(task, queue, lease).run(work);
    }
}
