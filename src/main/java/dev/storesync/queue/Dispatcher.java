package dev.storesync.queue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due tasks and runs them, at most {@code concurrency} at a time. {@link #drain()} is called by the dispatch
 * schedule, by intake's wake-up and by each worker when it finishes, so new work starts at once without busy polling.
 * While a task runs its lease is renewed, and its {@link LeaseGuard} stops it before its next write once the lease is
 * gone or revoked.
 *
 * <p>An attempt that runs past its deadline (a store call that hangs) fails as transient and gives its slot back; its
 * worker may only finish what it is blocked in, never write again. On shutdown it stops claiming ({@link
 * #stopClaiming()}, when the context begins to stop), lets running tasks finish while Camel drains the routes, then
 * revokes the rest and interrupts their workers: a lease is given back only once its worker has ended, so no other
 * instance starts a resource this one may still be writing. A worker that does not end in time keeps its lease until
 * it expires.
 */
public final class Dispatcher extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final String CLAIM = "claim tasks";
    private static final String RENEW = "renew leases";

    private final TaskQueue queue;
    private final TaskHandlers handlers;
    private final Consumer<ClaimedTask> runner;
    private final int concurrency;
    private final Duration lease;
    private final Duration deadline;
    private final Duration stopGrace;
    private final SyncPause pause;
    private final long probeEveryNanos;
    private final Semaphore slots;
    private final Map<ClaimedTask, Attempt> running = new ConcurrentHashMap<>();
    private final Object drainLock = new Object();
    private volatile boolean claiming = true;
    /** The actions whose database trouble has been logged since they last worked: each is logged once, on its own. */
    private final Set<String> troubleLogged = ConcurrentHashMap.newKeySet();

    private volatile String pausedBecause;
    private long lastProbeAt;
    private ExecutorService workers;
    private ScheduledExecutorService leaseKeeper;

    /** One running attempt: its guard, when it started, and whether it still holds a worker slot. */
    private record Attempt(LeaseGuard guard, long startedAt, AtomicBoolean holdsSlot) {
        Attempt(LeaseGuard guard) {
            this(guard, System.nanoTime(), new AtomicBoolean(true));
        }
    }

    /**
     * @param runner runs one claimed task to its recorded outcome (the sync-task route)
     * @param deadline how long one attempt may take before it fails as transient and frees its slot
     * @param stopGrace how long {@link #doStop()} still waits for running tasks; Camel's own shutdown has already
     *     waited for the routes by then
     * @param pause while it gives a reason, one sync is started every {@code probeEvery} instead of all that are due
     */
    public Dispatcher(
            TaskQueue queue,
            TaskHandlers handlers,
            Consumer<ClaimedTask> runner,
            int concurrency,
            Duration lease,
            Duration deadline,
            Duration stopGrace,
            SyncPause pause,
            Duration probeEvery) {
        this.queue = queue;
        this.handlers = handlers;
        this.runner = runner;
        this.concurrency = concurrency;
        this.lease = lease;
        this.deadline = deadline;
        this.stopGrace = stopGrace;
        this.pause = pause;
        this.probeEveryNanos = probeEvery.toNanos();
        this.lastProbeAt = System.nanoTime() - probeEveryNanos;
        this.slots = new Semaphore(concurrency);
    }

    /** Claims and starts due tasks until every worker is busy or nothing is due. */
    public void drain() {
        if (!claiming || !isStarted()) {
            return;
        }
        Set<String> types = handlers.resourceTypes();
        if (types.isEmpty()) {
            return;
        }
        synchronized (drainLock) {
            int budget = claimBudget();
            while (budget-- > 0 && claiming && slots.tryAcquire()) {
                Optional<ClaimedTask> claimed;
                try {
                    claimed = queue.claimNext(types);
                    troubleLogged.remove(CLAIM);
                } catch (RuntimeException e) {
                    slots.release();
                    logDatabaseTrouble(CLAIM, e);
                    return;
                }
                if (claimed.isEmpty()) {
                    slots.release();
                    return;
                }
                start(claimed.get());
            }
        }
    }

    /**
     * How many tasks this drain may start: all it can, or while syncs are paused one, now and then and only when no
     * other is running, to find out whether they can go on.
     */
    private int claimBudget() {
        Optional<String> paused = pause.reason();
        if (paused.isEmpty()) {
            if (pausedBecause != null) {
                LOG.info("syncs go on; they had been paused because: {}", pausedBecause);
                pausedBecause = null;
            }
            return Integer.MAX_VALUE;
        }
        if (pausedBecause == null) {
            LOG.warn(
                    "syncs are paused, their attempts not counted: {}; one sync every {} s finds out when they can go"
                            + " on",
                    paused.get(),
                    Duration.ofNanos(probeEveryNanos).toSeconds());
        }
        pausedBecause = paused.get();
        long now = System.nanoTime();
        if (!running.isEmpty() || now - lastProbeAt < probeEveryNanos) {
            return 0;
        }
        lastProbeAt = now;
        return 1;
    }

    private void start(ClaimedTask task) {
        Attempt attempt = new Attempt(new LeaseGuard(task, queue, lease));
        running.put(task, attempt);
        try {
            workers.execute(() -> run(task, attempt));
        } catch (RuntimeException e) {
            running.remove(task);
            freeSlot(attempt);
            queue.release(task);
            throw e;
        }
    }

    private void run(ClaimedTask task, Attempt attempt) {
        try {
            attempt.guard().run(() -> runner.accept(task));
        } catch (RuntimeException e) {
            if (!attempt.guard().stopping()) {
                // the route records outcomes itself, so recording failed
                LOG.warn(
                        "{}: the outcome could not be recorded ({}); it runs again when its lease expires",
                        task.taskId(),
                        e.toString());
            }
        } finally {
            if (attempt.guard().stopping()) {
                giveBack(task);
            }
            running.remove(task, attempt);
            freeSlot(attempt);
        }
        drain();
    }

    /**
     * The task was stopped with the service and its worker has now ended: it goes back without counting the attempt
     * (nothing happens when the route recorded an outcome after all).
     */
    private void giveBack(ClaimedTask task) {
        try {
            if (queue.release(task)) {
                LOG.info("{} stopped with the service; its lease is given back", task.taskId());
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} stopped with the service; it runs again when its lease expires ({})",
                    task.taskId(),
                    e.toString());
        }
    }

    private void freeSlot(Attempt attempt) {
        if (attempt.holdsSlot().compareAndSet(true, false)) {
            slots.release();
        }
    }

    /** Stops taking new tasks; running ones go on. */
    public void stopClaiming() {
        claiming = false;
    }

    /** Every third of a lease: renews running leases, notices lost ones, and ends attempts past their deadline. */
    private void keepLeases() {
        for (Map.Entry<ClaimedTask, Attempt> entry : running.entrySet()) {
            ClaimedTask task = entry.getKey();
            Attempt attempt = entry.getValue();
            try {
                if (Duration.ofNanos(System.nanoTime() - attempt.startedAt()).compareTo(deadline) > 0) {
                    expire(task, attempt);
                } else {
                    renew(task, attempt);
                }
                troubleLogged.remove(RENEW);
            } catch (RuntimeException e) {
                logDatabaseTrouble(RENEW, e);
            }
        }
    }

    /** Extends the lease, or stops the attempt before its next write when the lease is no longer its own. */
    private void renew(ClaimedTask task, Attempt attempt) {
        long asked = System.nanoTime();
        if (queue.renewLease(task)) {
            attempt.guard().renewedAsOf(asked);
            return;
        }
        attempt.guard().revoke(LeaseLostException.Why.TAKEN_OVER, "its lease was reclaimed or taken over");
        if (takenOver(task)) {
            LOG.warn("{}: lease lost while running; it stops before its next write", task.taskId());
        }
    }

    /** The attempt took too long: it may write no more, fails as transient, and its slot goes to other work. */
    private void expire(ClaimedTask task, Attempt attempt) {
        String reason = "the attempt ran past its deadline of " + deadline.toSeconds()
                + " s (SYNC_ATTEMPT_DEADLINE_IN_SECS); a store call may hang";
        attempt.guard().revoke(LeaseLostException.Why.DEADLINE, reason);
        if (running.remove(task, attempt)) {
            TaskQueue.Outcome outcome = queue.fail(task, TaskFailure.transientFailure(reason));
            LOG.warn("{}: {}; {}", task.taskId(), reason, outcome == TaskQueue.Outcome.RETRY ? "it retries" : outcome);
            freeSlot(attempt);
            drain();
        }
    }

    /**
     * Whether another instance runs the task now, for the log: a renewal also fails once the attempt has recorded its
     * outcome (before its worker lets go of it), which is no loss at all.
     */
    private boolean takenOver(ClaimedTask task) {
        return queue.find(task.taskId())
                .map(current -> current.status() == TaskStatus.IN_PROGRESS)
                .orElse(false);
    }

    private void logDatabaseTrouble(String action, RuntimeException e) {
        if (troubleLogged.add(action)) {
            LOG.warn("cannot {}: {} (retrying on the next schedule)", action, e.toString());
        }
    }

    @Override
    protected void doStart() {
        claiming = true;
        // a worker blocked past its deadline keeps its thread while its slot runs other work: threads are not the limit
        workers = Executors.newCachedThreadPool(threads("storesync-sync-"));
        leaseKeeper = Executors.newSingleThreadScheduledExecutor(threads("storesync-lease-"));
        // a third of the lease keeps it alive; a third of the deadline notices an attempt past it soon enough
        long renewEvery = Math.max(500, Math.min(lease.toMillis(), deadline.toMillis()) / 3);
        leaseKeeper.scheduleWithFixedDelay(this::keepLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        claiming = false;
        workers.shutdown();
        // Camel may call this on a thread it has interrupted when its own graceful shutdown timed out: the workers
        // must be stopped all the same, so an interrupt only ends the wait it arrived in
        boolean interrupted = false;
        boolean finished;
        try {
            finished = workers.awaitTermination(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            finished = false;
        }
        if (!finished) {
            // the syncs still running may write no more; their workers are interrupted, and a lease is given back
            // only once its worker has ended
            running.values().forEach(a -> a.guard().revoke(LeaseLostException.Why.STOPPING, "the service is stopping"));
            workers.shutdownNow();
            try {
                workers.awaitTermination(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        running.forEach((task, attempt) -> LOG.warn(
                "{} was still running at shutdown; its lease is left to expire rather than handed to another instance"
                        + " while this one may still write",
                task.taskId()));
        leaseKeeper.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
