package dev.storesync.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.ApiRequest;
import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.PermanentApiException;
import dev.storesync.bigcommerce.Product;
import dev.storesync.bigcommerce.Query;
import dev.storesync.config.DeletePolicy;
import dev.storesync.queue.ClaimedTask;
import dev.storesync.queue.PermanentSyncException;
import dev.storesync.queue.RetryableSyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the sync-product route (DESIGN §3): enrich from Store A, resolve brand, categories and availability,
 * match in Store B, plan the writes, write. Each step is a bean call on the same {@link ProductSync}.
 */
public final class ProductSteps {
    private static final Logger LOG = LoggerFactory.getLogger(ProductSteps.class);

    private final BigCommerceClient storeA;
    private final BigCommerceClient storeB;
    private final IdMap idMap;
    private final BrandResolver brands;
    private final CategoryResolver categories;
    private final AvailabilityRule availability;
    private final ProductMatcher matcher;
    private final ProductPlanner planner = new ProductPlanner();
    private final PlanWriter writer;
    private final DeletePolicy deletePolicy;
    private final StoreAGuard guard;

    ProductSteps(
            BigCommerceClient storeA,
            BigCommerceClient storeB,
            IdMap idMap,
            CategoryResolver categories,
            AvailabilityRule availability,
            DeletePolicy deletePolicy) {
        this.storeA = storeA;
        this.storeB = storeB;
        this.idMap = idMap;
        this.brands = new BrandResolver(storeA, storeB, idMap);
        this.categories = categories;
        this.availability = availability;
        this.matcher = new ProductMatcher(storeB, idMap);
        this.writer = new PlanWriter(storeB);
        this.deletePolicy = deletePolicy;
        this.guard = new StoreAGuard(storeA);
    }

    /** Reads the product from Store A, with its variants, images, custom fields and options, in one call. */
    public ProductSync enrich(@Body ClaimedTask task) {
        ProductSync sync = ProductSync.of(task);
        storeA.get("/catalog/products/" + sync.storeAId(), ProductMatcher.include(Query.empty()), Product::from)
                .ifPresentOrElse(sync::source, () -> guard.confirmStoreAnswers("product " + sync.storeAId()));
        return sync;
    }

    /** Maps the brand and categories to Store B's ids and decides the availability. */
    public void resolve(@Body ProductSync sync) {
        Product source = sync.source().orElseThrow();
        long brand = brands.resolve(source.brandId());
        List<Long> categoryIds = categories.resolveAll(source.categories());
        String decided = availability.decide(source);
        Optional<List<Metafield>> metafields =
                sync.metafieldsWanted() ? Optional.of(metafields(storeA, source.id())) : Optional.empty();
        sync.desired(new DesiredProduct(source, brand, categoryIds, decided, metafields));
    }

    public void match(@Body ProductSync sync) {
        matcher.match(sync.desired().source()).ifPresent(match -> {
            sync.match(match);
            if (sync.metafieldsWanted()) {
                sync.targetMetafields(
                        Optional.of(metafields(storeB, match.target().id())));
            }
        });
    }

    public void plan(@Body ProductSync sync) {
        ProductPlan plan = sync.match()
                .map(match -> planner.update(sync.desired(), match.target(), sync.targetMetafields(), match.mapping()))
                .orElseGet(() -> planner.create(sync.desired()));
        sync.plan(plan);
    }

    public void write(@Body ProductSync sync) {
        Product source = sync.desired().source();
        if (sync.plan().creates()) {
            create(sync, source);
            return;
        }
        ProductMatcher.Match match = sync.match().orElseThrow();
        List<Written> written = writer.write(sync.plan().writes());
        sync.wrote(written.size());
        Optional<Map<Long, Metafield>> metafieldPairs = sync.desired()
                .metafields()
                .map(wanted ->
                        ProductPairs.metafields(wanted, sync.targetMetafields().orElse(List.of()), match.mapping()));
        ProductMapping next = Remapping.after(
                source,
                match.target().id(),
                ProductPairs.of(source, match.target(), match.mapping()),
                metafieldPairs,
                written,
                match.mapping());
        if (!next.equals(match.mapping())) {
            idMap.save(next);
        }
        if (!written.isEmpty()) {
            LOG.info(
                    "product {} ({}) synced to Store B product {}: {} writes",
                    source.id(),
                    source.sku(),
                    match.target().id(),
                    written.size());
        }
    }

    /** Writes a plan a backfill made from a page read, exactly as the route's write step would. */
    int writePrepared(ComparedPage.Item item) {
        ProductSync sync = new ProductSync(item.source().id(), false);
        sync.source(item.source());
        sync.desired(item.desired());
        item.match().ifPresent(sync::match);
        sync.plan(item.plan().orElseThrow());
        write(sync);
        return sync.writes();
    }

    /**
     * What a sync of the product would write now, for the admin API's dry run: the same reads and the same plan, with
     * brands and categories that would be created left out of Store B and out of the id map.
     */
    public ProductDiff diff(long storeAId) {
        Optional<Product> read =
                storeA.get("/catalog/products/" + storeAId, ProductMatcher.include(Query.empty()), Product::from);
        Optional<Long> mapped = idMap.product(storeAId).map(ProductMapping::b).filter(b -> b != 0);
        if (read.isEmpty()) {
            return new ProductDiff(storeAId, true, mapped.orElse(null), List.of(), List.of());
        }
        Product source = read.get();
        List<String> wouldCreate = new ArrayList<>();
        DesiredProduct desired = new DesiredProduct(
                source,
                brands.peek(source.brandId(), wouldCreate),
                categories.peekAll(source.categories(), wouldCreate),
                availability.decide(source),
                Optional.of(metafields(storeA, source.id())));
        Optional<ProductMatcher.Match> match = matcher.match(source);
        ProductPlan plan = match.map(m -> planner.update(
                        desired,
                        m.target(),
                        Optional.of(metafields(storeB, m.target().id())),
                        m.mapping()))
                .orElseGet(() -> planner.create(desired));
        return new ProductDiff(
                storeAId,
                false,
                match.map(m -> m.target().id()).orElse(null),
                wouldCreate,
                plan.writes().stream().map(ProductDiff.Write::of).toList());
    }

    /** Store A no longer has the product: DELETE_POLICY says what happens to Store B's. */
    public void applyDeletePolicy(@Body ProductSync sync) {
        Optional<ProductMapping> mapping = idMap.product(sync.storeAId());
        if (mapping.isEmpty() || mapping.get().b() == 0) {
            LOG.info("product {} is gone from Store A; Store B has no product for it", sync.storeAId());
            return;
        }
        long target = mapping.get().b();
        switch (deletePolicy) {
            case IGNORE -> LOG.info(
                    "product {} is gone from Store A; Store B product {} is kept (DELETE_POLICY=ignore)",
                    sync.storeAId(),
                    target);
            case DELETE -> {
                storeB.delete("/catalog/products/" + target, Query.empty());
                idMap.forget(IdMap.PRODUCT, sync.storeAId());
                sync.wrote(1);
                LOG.info("product {} is gone from Store A; Store B product {} deleted", sync.storeAId(), target);
            }
            case DISABLE -> matcher.read(target).ifPresent(product -> disable(sync, product));
        }
    }

    private void disable(ProductSync sync, Product product) {
        ObjectNode wanted =
                JsonNodeFactory.instance.objectNode().put("is_visible", false).put("availability", "disabled");
        ObjectNode changes = WritableFields.changes(wanted, product.fields());
        if (!changes.isEmpty()) {
            storeB.call(ApiRequest.put("/catalog/products/" + product.id(), changes));
            sync.wrote(1);
            LOG.info("product {} is gone from Store A; Store B product {} disabled", sync.storeAId(), product.id());
        }
    }

    /**
     * Creates the product with its variants, images and custom fields in one call, reads it back for the new ids, then
     * writes what a single create cannot carry (option types, value order, metafields).
     */
    private void create(ProductSync sync, Product source) {
        List<Written> created;
        try {
            created = writer.write(sync.plan().writes());
        } catch (PermanentApiException refused) {
            Optional<PermanentSyncException> taken = nameTaken(source, refused);
            if (taken.isPresent()) {
                throw taken.get();
            }
            throw refused;
        }
        long target = created.get(0).data().path("id").asLong();
        Product fresh = matcher.read(target)
                .orElseThrow(() -> new RetryableSyncException("Store B product " + target
                        + " is not readable right after its create; the next attempt" + " finds it by SKU"));
        ProductMapping mapping =
                new ProductMapping(source.id(), target, source.sku(), List.of(), List.of(), List.of(), List.of());
        DesiredProduct desired = sync.desired().metafields().isPresent()
                ? sync.desired()
                : withMetafields(sync.desired(), metafields(storeA, source.id()));
        Optional<List<Metafield>> none = Optional.of(List.of());
        ProductPlan rest = planner.update(desired, fresh, none, mapping);
        List<Written> written = writer.write(rest.writes());
        sync.wrote(created.size() + written.size());
        idMap.save(Remapping.after(
                source,
                target,
                ProductPairs.of(source, fresh, mapping),
                Optional.of(ProductPairs.metafields(desired.metafields().orElseThrow(), List.of(), mapping)),
                written,
                mapping));
        LOG.info("product {} ({}) created in Store B as product {}", source.id(), source.sku(), target);
    }

    /** A create refused because Store B has another product of that name: a person must decide which is which. */
    private Optional<PermanentSyncException> nameTaken(Product source, PermanentApiException refused) {
        if (refused.status() != 409 || !refused.errors().containsKey("name")) {
            return Optional.empty();
        }
        return storeB.getAll("/catalog/products", Query.of("name", source.name()), Product::from).stream()
                .findFirst()
                .map(other -> new PermanentSyncException(
                        "Store B already has a product named '" + source.name()
                                + "' (id " + other.id() + ", SKU '" + other.sku() + "') while Store A's product "
                                + source.id() + " has SKU '" + source.sku()
                                + "'; products are matched by SKU, so give them"
                                + " the same SKU or rename one of them",
                        refused));
    }

    private static DesiredProduct withMetafields(DesiredProduct desired, List<Metafield> metafields) {
        return new DesiredProduct(
                desired.source(),
                desired.brandId(),
                desired.categories(),
                desired.availability(),
                Optional.of(metafields));
    }

    private static List<Metafield> metafields(BigCommerceClient store, long product) {
        return store.getAll("/catalog/products/" + product + "/metafields", Query.empty(), Metafield.class);
    }
}
