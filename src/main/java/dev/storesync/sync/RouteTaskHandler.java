package dev.storesync.sync;

import dev.storesync.bigcommerce.AccessDeniedException;
import dev.storesync.bigcommerce.BigCommerceException;
import dev.storesync.bigcommerce.PermanentApiException;
import dev.storesync.bigcommerce.RateLimitedException;
import dev.storesync.bigcommerce.TransientApiException;
import dev.storesync.queue.ClaimedTask;
import dev.storesync.queue.PermanentSyncException;
import dev.storesync.queue.RetryableSyncException;
import dev.storesync.queue.SyncPausedException;
import dev.storesync.queue.TaskHandler;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;

/**
 * Runs a claimed task through its resource type's sync route ({@code direct:sync-product}, ...), and says what a store's
 * failure means for the queue: rate limited or transient, retry (after the quota resets); refused, dead letter with
 * BigCommerce's message.
 */
public final class RouteTaskHandler implements TaskHandler {
    private final String resourceType;
    private final String endpoint;
    private final Supplier<ProducerTemplate> template;
    private final IdMap idMap;

    RouteTaskHandler(String resourceType, String endpoint, Supplier<ProducerTemplate> template, IdMap idMap) {
        this.resourceType = resourceType;
        this.endpoint = endpoint;
        this.template = template;
        this.idMap = idMap;
    }

    @Override
    public String resourceType() {
        return resourceType;
    }

    @Override
    public void handle(ClaimedTask task) {
        try {
            // from here on, a sync that lost this lease cannot write the resource's id map entry
            idMap.fence(task.resourceType(), task.resourceId(), task.leaseToken());
            template.get().requestBody(endpoint, task);
        } catch (RuntimeException failure) {
            throw translate(failure);
        }
    }

    static RuntimeException translate(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PermanentSyncException || t instanceof RetryableSyncException) {
                return (RuntimeException) t;
            }
            if (t instanceof AccessDeniedException denied) {
                return new SyncPausedException(denied.getMessage(), denied);
            }
            if (t instanceof RateLimitedException limited) {
                return new RetryableSyncException(limited.getMessage(), limited.retryAfter(), limited);
            }
            if (t instanceof TransientApiException) {
                return new RetryableSyncException(t.getMessage(), null, t);
            }
            if (t instanceof PermanentApiException || t instanceof BigCommerceException) {
                return new PermanentSyncException(t.getMessage(), t);
            }
        }
        return failure;
    }
}
