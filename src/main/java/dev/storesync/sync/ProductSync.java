package dev.storesync.sync;

import dev.storesync.bigcommerce.Product;
import dev.storesync.queue.ClaimedTask;
import java.util.Optional;

/**
 * One product's way through the sync route: each step reads what the ones before it found and adds its own. The route
 * carries it as the message body, so Hawtio shows the steps one by one.
 */
public final class ProductSync {
    private final long storeAId;
    private final boolean metafieldsWanted;
    private Product source;
    private ProductReads reads;
    private DesiredProduct desired;
    private ProductMatch match;
    private ProductPlan plan;
    private int writes;

    private ProductSync(long storeAId, boolean metafieldsWanted) {
        this.storeAId = storeAId;
        this.metafieldsWanted = metafieldsWanted;
    }

    public static ProductSync of(ClaimedTask task) {
        return new ProductSync(task.resourceId(), SyncHints.wantsMetafields(task.hints()));
    }

    public long storeAId() {
        return storeAId;
    }

    /** Whether Store A no longer has the product: the route then applies the delete policy instead of syncing. */
    public boolean isDeletedInStoreA() {
        return source == null;
    }

    public boolean metafieldsWanted() {
        return metafieldsWanted;
    }

    public Optional<Product> source() {
        return Optional.ofNullable(source);
    }

    void source(Product source) {
        this.source = source;
    }

    ProductReads reads() {
        return reads;
    }

    void reads(ProductReads reads) {
        this.reads = reads;
    }

    public DesiredProduct desired() {
        return desired;
    }

    void desired(DesiredProduct desired) {
        this.desired = desired;
    }

    public Optional<ProductMatch> match() {
        return Optional.ofNullable(match);
    }

    void match(ProductMatch match) {
        this.match = match;
    }

    public ProductPlan plan() {
        return plan;
    }

    void plan(ProductPlan plan) {
        this.plan = plan;
    }

    /** How many writes Store B took. */
    public int writes() {
        return writes;
    }

    void wrote(int count) {
        writes += count;
    }

    @Override
    public String toString() {
        // what Hawtio and the tracer show as the message body between steps
        return "product " + storeAId
                + (plan == null ? "" : " (" + plan.writes().size() + " writes planned, " + writes + " done)");
    }
}
