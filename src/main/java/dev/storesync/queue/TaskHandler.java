package dev.storesync.queue;

/**
 * Does the work of one resource type ("product", "category", ...). Implementations are beans in the Camel registry;
 * the dispatcher finds them there, so a new resource type plugs in by binding a bean, without touching the queue.
 *
 * <p>Throw {@link RetryableSyncException} or {@link PermanentSyncException} to say how a failure should be treated;
 * see {@link FailureClassifier} for everything else.
 */
public interface TaskHandler {
    /** The resource type this handler syncs, as used in {@link ResourceKey#resourceType()}. */
    String resourceType();

    void handle(ClaimedTask task) throws Exception;
}
