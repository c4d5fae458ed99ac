package dev.storesync.sync;

import dev.storesync.queue.ClaimedTask;
import java.util.concurrent.Executor;
import org.apache.camel.Body;

/**
 * The steps of the sync-product route (DESIGN §3), each a bean call on the same {@link ProductSync}: enrich from Store
 * A, resolve brand, categories and availability, match in Store B, plan the writes, write. The work is the
 * {@link ProductPipeline}'s and the {@link ProductWriter}'s; this class only carries it from step to step.
 */
public final class ProductSteps {
    private final ProductPipeline pipeline;
    private final ProductWriter writer;
    private final ProductDeletion deletion;
    private final StoreAGuard guard;
    private final Executor reads;

    ProductSteps(
            ProductPipeline pipeline,
            ProductWriter writer,
            ProductDeletion deletion,
            StoreAGuard guard,
            Executor reads) {
        this.pipeline = pipeline;
        this.writer = writer;
        this.deletion = deletion;
        this.guard = guard;
        this.reads = reads;
    }

    /**
     * Reads the product from Store A, with its variants, images, custom fields and options, in one call; its channel
     * listing and Store B's product (by the id map) are read meanwhile, for the steps that need them.
     */
    public ProductSync enrich(@Body ClaimedTask task) {
        ProductSync sync = ProductSync.of(task);
        ProductReads read = pipeline.readAll(sync.storeAId(), reads);
        sync.reads(read);
        read.source().ifPresentOrElse(sync::source, () -> guard.confirmStoreAnswers("product " + sync.storeAId()));
        return sync;
    }

    /** Maps the brand and categories to Store B's ids (creating what Store B lacks) and decides the availability. */
    public void resolve(@Body ProductSync sync) {
        sync.desired(pipeline.desire(
                sync.source().orElseThrow(),
                Resolution.CREATE_MISSING,
                sync.metafieldsWanted(),
                sync.reads().listing()));
    }

    public void match(@Body ProductSync sync) {
        pipeline.match(
                        sync.desired().source(),
                        sync.metafieldsWanted(),
                        sync.reads().idMapped())
                .ifPresent(sync::match);
    }

    public void plan(@Body ProductSync sync) {
        sync.plan(pipeline.plan(sync.desired(), sync.match()));
    }

    public void write(@Body ProductSync sync) {
        sync.wrote(writer.write(sync.desired(), sync.match(), sync.plan()));
    }

    /** Store A no longer has the product: DELETE_POLICY says what happens to Store B's. */
    public void applyDeletePolicy(@Body ProductSync sync) {
        sync.wrote(deletion.apply(sync.storeAId()));
    }
}
