package dev.storesync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.PartialWriteException;
import dev.storesync.bigcommerce.PermanentApiException;
import dev.storesync.bigcommerce.Product;
import dev.storesync.queue.PermanentSyncException;
import dev.storesync.queue.RetryableSyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a product's plan in Store B and records in the id map which Store B ids now stand for Store A's: the
 * sync route's write step, and a backfill's writes of plans it made a page at a time.
 */
public final class ProductWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ProductWriter.class);

    private final BigCommerceStore storeB;
    private final IdMap idMap;
    private final ProductPipeline pipeline;
    private final PlanWriter writer;

    ProductWriter(BigCommerceStore storeB, IdMap idMap, ProductPipeline pipeline) {
        this.storeB = storeB;
        this.idMap = idMap;
        this.pipeline = pipeline;
        this.writer = new PlanWriter(storeB);
    }

    /** @return how many writes Store B took */
    public int write(DesiredProduct desired, Optional<ProductMatch> match, ProductPlan plan) {
        if (plan.creates()) {
            return create(desired, plan);
        }
        ProductMatch target = match.orElseThrow();
        Product source = desired.source();
        Optional<Map<Long, Metafield>> metafieldPairs = desired.metafields()
                .map(wanted ->
                        ProductPairs.metafields(wanted, target.metafields().orElse(List.of()), target.mapping()));
        List<Written> written = new ArrayList<>();
        try {
            writer.write(plan.writes(), written);
        } finally {
            // what Store B took before a write failed is recorded all the same
            remember(source, target, metafieldPairs, written);
        }
        failOnProblems(source, plan);
        if (!written.isEmpty()) {
            LOG.info(
                    "product {} ({}) synced to Store B product {}: {} writes",
                    source.id(),
                    source.sku(),
                    target.target().id(),
                    written.size());
        }
        return written.size();
    }

    /** Records the pairs of a product whose plan a backfill sent in its batches (which create nothing). */
    public void batched(PlannedProduct product) {
        remember(product.source(), product.match().orElseThrow(), Optional.empty(), List.of());
    }

    private void remember(
            Product source, ProductMatch target, Optional<Map<Long, Metafield>> metafieldPairs, List<Written> written) {
        ProductMapping next = Remapping.after(
                source,
                target.target().id(),
                ProductPairs.of(source, target.target(), target.mapping()),
                metafieldPairs,
                written,
                target.mapping());
        if (!next.equals(target.mapping())) {
            idMap.save(next);
        }
    }

    /**
     * Creates the product with its variants, images and custom fields in one call, reads it back for the new ids, then
     * writes what a single create cannot carry (option types, value order, metafields).
     */
    private int create(DesiredProduct desired, ProductPlan plan) {
        Product source = desired.source();
        List<Written> created = new ArrayList<>();
        try {
            writer.write(plan.writes(), created);
        } catch (PartialWriteException partly) {
            // the product exists, without what the store refused: the next attempt finds it through the id map
            // the 207 of a create answers the product in an array (products spec, createProduct)
            JsonNode data = partly.data().isArray() ? partly.data().path(0) : partly.data();
            long target = data.path("id").asLong();
            if (target != 0) {
                idMap.save(ProductMapping.empty(source.id()).pointingAt(target, source.sku()));
            }
            throw partly;
        } catch (PermanentApiException refused) {
            throw nameTaken(source, refused).orElse(refused);
        }
        long target = created.get(0).data().path("id").asLong();
        Product fresh = storeB.product(target)
                .orElseThrow(() -> new RetryableSyncException("Store B product " + target
                        + " is not readable right after its create; the next attempt finds it by SKU"));
        ProductMapping mapping = ProductMapping.empty(source.id()).pointingAt(target, source.sku());
        DesiredProduct complete = pipeline.withMetafields(desired);
        ProductMatch bare = new ProductMatch(fresh, mapping).withMetafields(List.of());
        ProductPlan rest = pipeline.plan(complete, Optional.of(bare));
        List<Written> written = new ArrayList<>();
        try {
            writer.write(rest.writes(), written);
        } finally {
            idMap.save(Remapping.after(
                    source,
                    target,
                    ProductPairs.of(source, fresh, mapping),
                    Optional.of(ProductPairs.metafields(complete.metafields().orElseThrow(), List.of(), mapping)),
                    written,
                    mapping));
        }
        LOG.info("product {} ({}) created in Store B as product {}", source.id(), source.sku(), target);
        failOnProblems(source, rest);
        return created.size() + written.size();
    }

    /** What no write could bring over fails the sync, once everything else is written, with words for a person. */
    private static void failOnProblems(Product source, ProductPlan plan) {
        if (!plan.problems().isEmpty()) {
            throw new PermanentSyncException("product " + source.id() + " (" + source.sku() + ") is synced but for"
                    + " this: " + String.join("; ", plan.problems()));
        }
    }

    /** A create refused because Store B has another product of that name: a person must decide which is which. */
    private Optional<RuntimeException> nameTaken(Product source, PermanentApiException refused) {
        if (refused.status() != 409 || !refused.errors().containsKey("name")) {
            return Optional.empty();
        }
        return storeB.productsNamed(source.name()).stream()
                .findFirst()
                .map(other -> new PermanentSyncException(
                        "Store B already has a product named '" + source.name()
                                + "' (id " + other.id() + ", SKU '" + other.sku() + "') while Store A's product "
                                + source.id() + " has SKU '" + source.sku()
                                + "'; products are matched by SKU, so give them"
                                + " the same SKU or rename one of them",
                        refused));
    }
}
