package dev.storesync.sync;

import dev.storesync.bigcommerce.Product;
import java.util.Optional;

/**
 * One product of a page, planned: its Store B counterpart if there is one, and the writes that would make Store B
 * match. {@code plan} is empty when the product cannot be planned: it has no SKU to match it by.
 */
public record PlannedProduct(
        Product source, DesiredProduct desired, Optional<ProductMatch> match, Optional<ProductPlan> plan) {

    /** Whether Store B already matches (and nothing would be created on the way). */
    public boolean inStep() {
        return plan.isPresent() && plan.get().isEmpty() && desired.wouldCreate().isEmpty();
    }
}
