package dev.storesync.sync;

import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.Product;
import java.util.List;
import java.util.Optional;

/**
 * Store A's product as Store B should have it: its brand and categories already mapped to Store B's ids, its
 * availability decided by the channel rule, and its metafields when this sync covers them.
 *
 * @param wouldCreate the brands and categories Store B still lacks, in words, when they were only peeked at (a dry
 *     run); they stand as {@link CategoryResolver#NOT_YET} among the ids
 */
public record DesiredProduct(
        Product source,
        long brandId,
        List<Long> categories,
        String availability,
        Optional<List<Metafield>> metafields,
        List<String> wouldCreate) {

    public DesiredProduct {
        categories = List.copyOf(categories);
        wouldCreate = List.copyOf(wouldCreate);
    }

    DesiredProduct withMetafields(List<Metafield> sourceMetafields) {
        return new DesiredProduct(
                source, brandId, categories, availability, Optional.of(sourceMetafields), wouldCreate);
    }
}
