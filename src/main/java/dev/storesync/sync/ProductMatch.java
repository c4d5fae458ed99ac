package dev.storesync.sync;

import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.Product;
import java.util.List;
import java.util.Optional;

/**
 * The Store B product that stands for a Store A product, what the id map knows of the pair, and Store B's metafields
 * of it when the sync covers metafields.
 */
public record ProductMatch(Product target, ProductMapping mapping, Optional<List<Metafield>> metafields) {

    ProductMatch(Product target, ProductMapping mapping) {
        this(target, mapping, Optional.empty());
    }

    ProductMatch withMetafields(List<Metafield> targetMetafields) {
        return new ProductMatch(target, mapping, Optional.of(targetMetafields));
    }
}
