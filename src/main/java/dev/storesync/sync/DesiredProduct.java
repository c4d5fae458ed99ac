package dev.storesync.sync;

import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.Product;
import java.util.List;
import java.util.Optional;

/**
 * Store A's product as Store B should have it: its brand and categories already mapped to Store B's ids, its
 * availability decided by the channel rule, and its metafields when this sync covers them.
 */
public record DesiredProduct(
        Product source,
        long brandId,
        List<Long> categories,
        String availability,
        Optional<List<Metafield>> metafields) {

    public DesiredProduct {
        categories = List.copyOf(categories);
    }
}
