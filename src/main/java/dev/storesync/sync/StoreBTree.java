package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.CategoryTree;
import dev.storesync.queue.PermanentSyncException;
import java.util.List;

/**
 * The category tree of Store B that synced categories go into: the tree of Store B's default storefront channel (1), or
 * else its first tree. Looked up once per process.
 */
final class StoreBTree {
    private static final long DEFAULT_CHANNEL = 1;

    private final BigCommerceStore storeB;
    private volatile long treeId;

    StoreBTree(BigCommerceStore storeB) {
        this.storeB = storeB;
    }

    long id() {
        long known = treeId;
        if (known == 0) {
            known = lookUp();
            treeId = known;
        }
        return known;
    }

    private long lookUp() {
        List<CategoryTree> trees = storeB.trees();
        return trees.stream()
                .filter(tree -> tree.channels().contains(DEFAULT_CHANNEL))
                .findFirst()
                .or(() -> trees.stream().findFirst())
                .map(CategoryTree::id)
                .orElseThrow(() -> new PermanentSyncException("Store B has no category tree to put categories in"));
    }
}
