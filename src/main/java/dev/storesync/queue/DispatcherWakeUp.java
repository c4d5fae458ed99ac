package dev.storesync.queue;

import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;

/**
 * Wakes the dispatcher at once, for whoever just made a task due: intake (in its route), reconcile runs, the admin
 * API. The endpoint is a queue of one that never blocks, so a burst of wake-ups costs one drain; it is spelled once,
 * in application.properties, for the routes and for this class.
 */
public final class DispatcherWakeUp {
    public static final String ENDPOINT = "{{storesync.endpoint.dispatch-wakeup}}";

    private final Supplier<ProducerTemplate> template;

    public DispatcherWakeUp(Supplier<ProducerTemplate> template) {
        this.template = template;
    }

    public void wake() {
        template.get().sendBody(ENDPOINT, null);
    }
}
