package dev.storesync.reconcile;

import dev.storesync.sync.PlannedProduct;
import java.util.List;

/** A page of Store A products compared with Store B: the ones that differ, each with the plan that would heal it. */
record ComparedPage(int scanned, List<Item> items) {
    /** One differing product and how it differs. */
    record Item(PlannedProduct product, Drift drift) {}

    ComparedPage {
        items = List.copyOf(items);
    }

    List<Drift> drift() {
        return items.stream().map(Item::drift).toList();
    }

    List<Long> differingIds() {
        return items.stream().map(i -> i.product().source().id()).toList();
    }
}
