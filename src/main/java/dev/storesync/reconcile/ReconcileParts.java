package dev.storesync.reconcile;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.sync.BrandComparison;
import dev.storesync.sync.CategoryComparison;
import dev.storesync.sync.ProductPipeline;
import dev.storesync.sync.ProductWriter;

/** The stores, and the sync's parts that reconcile runs compare and (for a backfill) write with. */
public record ReconcileParts(
        BigCommerceStore storeA,
        BigCommerceStore storeB,
        ProductPipeline products,
        ProductWriter writer,
        CategoryComparison categories,
        BrandComparison brands) {}
