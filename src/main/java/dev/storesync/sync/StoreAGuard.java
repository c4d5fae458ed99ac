package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.queue.RetryableSyncException;
import java.time.Duration;

/**
 * A 404 for a product or category means "deleted" only if Store A itself answers: with a wrong STORE_A_HASH or
 * STORE_A_API_URL every read is a 404, and taking that for deletions would disable or delete Store B's catalog.
 */
final class StoreAGuard {
    private static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    private final BigCommerceStore storeA;

    StoreAGuard(BigCommerceStore storeA) {
        this.storeA = storeA;
    }

    /** Throws a retryable failure unless Store A's catalog answers. */
    void confirmStoreAnswers(String what) {
        if (!storeA.catalogAnswers()) {
            throw new RetryableSyncException(
                    "Store A answers 404 for " + what + " and for its whole catalog: check STORE_A_HASH and"
                            + " STORE_A_API_URL; nothing is deleted in Store B meanwhile",
                    RETRY_AFTER,
                    null);
        }
    }
}
