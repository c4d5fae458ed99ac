package dev.storesync.testsupport;

import dev.storesync.queue.ClaimedTask;
import dev.storesync.queue.TaskHandler;
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

    private final String resourceType;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Long, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger maxOverlap = new AtomicInteger();
    private volatile Behaviour defaultBehaviour = task -> {};

    public ScriptedHandler(String resourceType) {
        this.resourceType = resourceType;
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
        AtomicInteger concurrent = running.computeIfAbsent(task.resourceId(), id -> new AtomicInteger());
        maxOverlap.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
        try {
            behaviours.getOrDefault(task.resourceId(), defaultBehaviour).run(task);
        } finally {
            concurrent.decrementAndGet();
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
        return maxOverlap.get();
    }
}
