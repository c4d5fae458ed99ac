package dev.storesync.testsupport;

import dev.storesync.queue.ClaimedTask;
import dev.storesync.queue.TaskHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TaskHandler} whose behaviour a test scripts per resource (block, throw), and that records every call:
 * when it started and ended, and how many calls for one resource overlapped.
 */
public final class ScriptedHandler implements TaskHandler {
    /** What to do for one call; may block or throw. */
    @FunctionalInterface
    public interface Behaviour {
        void run(ClaimedTask task) throws Exception;
    }

    /** One call of the handler. */
    public record Call(ClaimedTask task, Instant started, Instant ended, String thread) {}

    /**
     * Counts calls running at once per resource. Share one between the handlers of several service instances to see
     * overlaps across instances.
     */
    public static final class OverlapTracker {
        private final Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();
        private final AtomicInteger max = new AtomicInteger();

        void enter(long resourceId) {
            max.accumulateAndGet(
                    running.computeIfAbsent(resourceId, id -> new AtomicInteger())
                            .incrementAndGet(),
                    Math::max);
        }

        void leave(long resourceId) {
            running.get(resourceId).decrementAndGet();
        }

        /** The most calls for one resource that ever ran at the same time (1 when mutual exclusion held). */
        public int maxOverlap() {
            return max.get();
        }
    }

    private final String resourceType;
    private final OverlapTracker overlap;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Long, Behaviour> behaviours = new ConcurrentHashMap<>();
    private volatile Behaviour defaultBehaviour = task -> {};

    public ScriptedHandler(String resourceType) {
        this(resourceType, new OverlapTracker());
    }

    public ScriptedHandler(String resourceType, OverlapTracker overlap) {
        this.resourceType = resourceType;
        this.overlap = overlap;
    }

    public ScriptedHandler on(long resourceId, Behaviour behaviour) {
        behaviours.put(resourceId, behaviour);
        return this;
    }

    public ScriptedHandler otherwise(Behaviour behaviour) {
        this.defaultBehaviour = behaviour;
        return this;
    }

    @Override
    public String resourceType() {
        return resourceType;
    }

    @Override
    public void handle(ClaimedTask task) throws Exception {
        Instant started = Instant.now();
        overlap.enter(task.resourceId());
        try {
            behaviours.getOrDefault(task.resourceId(), defaultBehaviour).run(task);
        } finally {
            overlap.leave(task.resourceId());
            calls.add(new Call(
                    task, started, Instant.now(), Thread.currentThread().getName()));
        }
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> callsFor(long resourceId) {
        return calls.stream().filter(c -> c.task().resourceId() == resourceId).toList();
    }

    /** The most calls for one resource that ever ran at the same time (1 when mutual exclusion held). */
    public int maxOverlapPerResource() {
        return overlap.maxOverlap();
    }

    /**
     * Holds the calling handler for {@code duration}, standing in for the time a real sync spends on HTTP calls. It
     * gives overlapping claims a window to show up in; it is never used to wait for a condition.
     */
    public static void simulateWork(Duration duration) {
        java.util.concurrent.locks.LockSupport.parkNanos(duration.toNanos());
    }
}
