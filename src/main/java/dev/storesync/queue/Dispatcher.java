package dev.storesync.queue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due tasks and runs them, at most {@code concurrency} at a time. {@link #drain()} is called by the dispatch
 * schedule, by intake's wake-up and by each worker when it finishes, so new work starts at once without busy polling.
 * While a task runs its lease is renewed, so only a dead or cut-off instance ever loses one.
 *
 * <p>On shutdown it first stops claiming ({@link #stopClaiming()}, called when the context begins to stop), lets the
 * running tasks finish while Camel drains the routes, and releases the leases of any still running when it stops, so
 * that another instance, or the next start, picks them up at once instead of waiting for the lease to expire.
 */
public final class Dispatcher extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final TaskQueue queue;
    private final TaskHandlers handlers;
    private final Consumer<ClaimedTask> runner;
    private final int concurrency;
    private final Duration lease;
    private final Duration stopGrace;
    private final Semaphore slots;
    private final Set<ClaimedTask> running = ConcurrentHashMap.newKeySet();
    private final Object drainLock = new Object();
    private volatile boolean claiming = true;
    private volatile boolean databaseTroubleLogged;
    private ExecutorService workers;
    private ScheduledExecutorService leaseKeeper;

    /**
     * @param runner runs one claimed task to its recorded outcome (the sync-task route)
     * @param stopGrace how long {@link #doStop()} still waits for running tasks; Camel's own shutdown has already
     *     waited for the routes by then
     */
    public Dispatcher(
            TaskQueue queue,
            TaskHandlers handlers,
            Consumer<ClaimedTask> runner,
            int concurrency,
            Duration lease,
            Duration stopGrace) {
        this.queue = queue;
        this.handlers = handlers;
        this.runner = runner;
        this.concurrency = concurrency;
        this.lease = lease;
        this.stopGrace = stopGrace;
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
            while (claiming && slots.tryAcquire()) {
                Optional<ClaimedTask> claimed;
                try {
                    claimed = queue.claimNext(types);
                    databaseTroubleLogged = false;
                } catch (RuntimeException e) {
                    slots.release();
                    logDatabaseTrouble("claim tasks", e);
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

    private void start(ClaimedTask task) {
        running.add(task);
        try {
            workers.execute(() -> run(task));
        } catch (RuntimeException e) {
            running.remove(task);
            slots.release();
            queue.release(task);
            throw e;
        }
    }

    private void run(ClaimedTask task) {
        try {
            runner.accept(task);
        } catch (RuntimeException e) {
            // the route records outcomes itself, so recording failed
            if (claiming) {
                LOG.warn(
                        "{}: the outcome could not be recorded ({}); it runs again when its lease expires",
                        task.taskId(),
                        e.toString());
            } else {
                // a forced shutdown stopped the route under it: give it back rather than leave it leased
                releaseAtShutdown(task);
            }
        } finally {
            running.remove(task);
            slots.release();
        }
        drain();
    }

    /** Stops taking new tasks; running ones go on. */
    public void stopClaiming() {
        claiming = false;
    }

    private void renewLeases() {
        for (ClaimedTask task : running) {
            try {
                if (!queue.renewLease(task) && takenOver(task)) {
                    LOG.warn("{}: lease lost while running; another instance may take the task over", task.taskId());
                }
            } catch (RuntimeException e) {
                logDatabaseTrouble("renew leases", e);
            }
        }
    }

    /**
     * Whether a failed renewal means another instance runs the task now. It also fails when the task has just finished
     * (its outcome is recorded before the worker lets go of it), which is no loss at all.
     */
    private boolean takenOver(ClaimedTask task) {
        return queue.find(task.taskId())
                .map(current -> current.status() == TaskStatus.IN_PROGRESS)
                .orElse(false);
    }

    private void logDatabaseTrouble(String action, RuntimeException e) {
        if (!databaseTroubleLogged) {
            databaseTroubleLogged = true;
            LOG.warn("cannot {}: {} (retrying on the next schedule)", action, e.toString());
        }
    }

    @Override
    protected void doStart() {
        claiming = true;
        workers = Executors.newFixedThreadPool(concurrency, threads("storesync-sync-"));
        leaseKeeper = Executors.newSingleThreadScheduledExecutor(threads("storesync-lease-"));
        long renewEvery = Math.max(500, lease.toMillis() / 3);
        leaseKeeper.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        claiming = false;
        workers.shutdown();
        boolean interrupted = false;
        boolean finished;
        try {
            finished = workers.awaitTermination(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // a forced Camel shutdown may interrupt us; the leases must be released all the same
            interrupted = true;
            finished = false;
        }
        if (!finished) {
            running.forEach(this::releaseAtShutdown);
            workers.shutdownNow();
        }
        leaseKeeper.shutdownNow();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void releaseAtShutdown(ClaimedTask task) {
        try {
            if (queue.release(task)) {
                LOG.warn("{} was still running at shutdown; its lease was released", task.taskId());
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: lease could not be released ({}); it will expire", task.taskId(), e.toString());
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
