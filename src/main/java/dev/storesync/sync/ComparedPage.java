package dev.storesync.sync;

import dev.storesync.bigcommerce.Product;
import java.util.List;
import java.util.Optional;

/** A page of Store A products compared with Store B: the ones that differ, each with the plan that would heal it. */
public final class ComparedPage {
    /** One differing product; {@code plan} is empty when it cannot be planned ({@code problem} says why). */
    record Item(
            Product source,
            DesiredProduct desired,
            Optional<ProductMatcher.Match> match,
            Optional<ProductPlan> plan,
            Drift drift) {}

    private final int scanned;
    private final List<Item> differing;

    ComparedPage(int scanned, List<Item> differing) {
        this.scanned = scanned;
        this.differing = List.copyOf(differing);
    }

    public int scanned() {
        return scanned;
    }

    public List<Drift> drift() {
        return differing.stream().map(Item::drift).toList();
    }

    public List<Long> differingIds() {
        return differing.stream().map(i -> i.source().id()).toList();
    }

    List<Item> items() {
        return differing;
    }
}
