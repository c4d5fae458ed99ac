package dev.storesync.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A quantity discount of a product: from {@code quantityMin} to {@code quantityMax} (0: no upper bound) items, an
 * adjustment of {@code type} price, percent or fixed by {@code amount}. Ranges of one product never overlap.
 */
public record BulkPricingRule(long id, long quantityMin, long quantityMax, String type, JsonNode amount) {}
