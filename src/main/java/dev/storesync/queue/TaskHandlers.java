package dev.storesync.queue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.spi.Registry;

/** Finds the {@link TaskHandler} of each resource type in the registry, and runs the right one for a task. */
public final class TaskHandlers {
    private final Registry registry;

    public TaskHandlers(Registry registry) {
        this.registry = registry;
    }

    /** The resource types that have a handler right now; tasks of other types wait in the queue. */
    public Set<String> resourceTypes() {
        return byType().keySet();
    }

    public void handle(ClaimedTask task) throws Exception {
        TaskHandler handler = byType().get(task.resourceType());
        if (handler == null) {
            throw new PermanentSyncException("no handler is installed for resource type '" + task.resourceType() + "'");
        }
        handler.handle(task);
    }

    private Map<String, TaskHandler> byType() {
        Map<String, TaskHandler> handlers = new TreeMap<>();
        for (TaskHandler handler : registry.findByType(TaskHandler.class)) {
            TaskHandler previous = handlers.put(handler.resourceType(), handler);
            if (previous != null && previous != handler) {
                throw new IllegalStateException("two handlers for resource type '" + handler.resourceType() + "': "
                        + previous.getClass().getName() + " and "
                        + handler.getClass().getName());
            }
        }
        return handlers;
    }
}
