package dev.storesync.sync;

import dev.storesync.bigcommerce.Product;
import java.util.List;
import java.util.Optional;

/**
 * What a sync of one product would write now, for the admin API: the sync's own reads and plan, with brands and
 * categories that would be created left out of Store B and out of the id map. Nothing is written.
 */
public final class ProductDryRun {
    private final ProductPipeline pipeline;
    private final IdMap idMap;

    ProductDryRun(ProductPipeline pipeline, IdMap idMap) {
        this.pipeline = pipeline;
        this.idMap = idMap;
    }

    public ProductDiff diff(long storeAId) {
        Optional<Product> read = pipeline.read(storeAId);
        if (read.isEmpty()) {
            Long mapped = idMap.product(storeAId)
                    .map(ProductMapping::b)
                    .filter(b -> b != 0)
                    .orElse(null);
            return new ProductDiff(storeAId, true, mapped, List.of(), List.of(), List.of());
        }
        DesiredProduct desired = pipeline.desire(read.get(), Resolution.PEEK, true);
        Optional<ProductMatch> match = pipeline.match(read.get(), true);
        ProductPlan plan = pipeline.plan(desired, match);
        return new ProductDiff(
                storeAId,
                false,
                match.map(m -> m.target().id()).orElse(null),
                desired.wouldCreate(),
                plan.writes().stream().map(ProductDiff.Write::of).toList(),
                plan.problems());
    }
}
