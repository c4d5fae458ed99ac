package dev.storesync.reconcile;

import dev.storesync.bigcommerce.Product;
import dev.storesync.sync.Comparison;
import dev.storesync.sync.PlannedProduct;
import dev.storesync.sync.ProductPipeline;
import dev.storesync.sync.Resolution;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a page of Store A products with Store B through the sync's own pipeline and plan, with a few reads per page:
 * how reconcile runs find what webhooks missed. Nothing is written, unless a backfill asks for missing brands and
 * categories to be created (it is about to write the products anyway).
 */
final class PageComparison {
    private static final String PRODUCT = "product";

    private final ProductPipeline pipeline;

    PageComparison(ProductPipeline pipeline) {
        this.pipeline = pipeline;
    }

    ComparedPage compare(List<Product> page, boolean backfill) {
        List<ComparedPage.Item> differing = new ArrayList<>();
        for (PlannedProduct planned : pipeline.planPage(page, backfill ? Resolution.CREATE_MISSING : Resolution.PEEK)) {
            if (planned.inStep()) {
                continue;
            }
            Product source = planned.source();
            if (planned.plan().isEmpty()) {
                differing.add(new ComparedPage.Item(
                        planned, drift(source, "has no SKU, so it cannot be matched in Store B", List.of())));
                continue;
            }
            List<String> writes = new ArrayList<>();
            planned.desired().wouldCreate().forEach(w -> writes.add("create " + w));
            planned.plan().get().writes().forEach(w -> writes.add(w.describe()));
            planned.plan().get().problems().forEach(p -> writes.add("cannot: " + p));
            String problem = planned.match()
                    .map(m -> "differs from Store B product " + m.target().id())
                    .orElse("missing in Store B");
            differing.add(new ComparedPage.Item(planned, drift(source, problem, writes)));
        }
        return new ComparedPage(page.size(), differing);
    }

    /** A whole resource's differences as drift, for categories and brands. */
    static List<Drift> drift(String resource, Comparison comparison) {
        return comparison.differences().stream()
                .map(d -> new Drift(resource, d.storeAId(), d.label(), d.problem(), List.of()))
                .toList();
    }

    private static Drift drift(Product source, String problem, List<String> writes) {
        return new Drift(PRODUCT, source.id(), "'" + source.name() + "' (SKU '" + source.sku() + "')", problem, writes);
    }
}
