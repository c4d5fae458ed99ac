package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.Product;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Read → desire → match → plan for products (DESIGN §3), in one place for everyone who needs it: the sync route's
 * steps, the admin API's dry run and reconcile's page comparison. It owns the brand and category resolvers, the
 * availability rule, the matcher and the planner; nothing else resolves, matches or plans a product. It never writes
 * to Store B, except the brands and categories that {@link Resolution#CREATE_MISSING} brings over.
 */
public final class ProductPipeline {
    private final BigCommerceStore storeA;
    private final BigCommerceStore storeB;
    private final BrandResolver brands;
    private final CategoryResolver categories;
    private final AvailabilityRule availability;
    private final ProductMatcher matcher;
    private final ProductPlanner planner;
    private final Optional<String> storeBClientId;

    ProductPipeline(
            BigCommerceStore storeA,
            BigCommerceStore storeB,
            BrandResolver brands,
            CategoryResolver categories,
            AvailabilityRule availability,
            ProductMatcher matcher,
            ProductPlanner planner,
            Optional<String> storeBClientId) {
        this.storeA = storeA;
        this.storeB = storeB;
        this.brands = brands;
        this.categories = categories;
        this.availability = availability;
        this.matcher = matcher;
        this.planner = planner;
        this.storeBClientId = storeBClientId;
    }

    /** Store A's product with its variants, images, custom fields and options, in one read; empty when it is gone. */
    public Optional<Product> read(long storeAId) {
        return storeA.product(storeAId);
    }

    /**
     * The reads of one product's sync, all at once: Store A's product here, and on {@code executor} what depends on its
     * id alone (its channel listing, Store B's product by the id map). One after another they were most of a sync's
     * time.
     */
    public ProductReads readAll(long storeAId, Executor executor) {
        CompletableFuture<AvailabilityRule.Listed> listed =
                CompletableFuture.supplyAsync(() -> availability.listed(List.of(storeAId)), executor);
        CompletableFuture<ProductMatcher.Known> known =
                CompletableFuture.supplyAsync(() -> matcher.known(storeAId), executor);
        return new ProductReads(read(storeAId), listed, known);
    }

    /** The product as Store B should have it; its channel listing is one read, its metafields two when wanted. */
    public DesiredProduct desire(Product source, Resolution resolution, boolean withMetafields) {
        return desire(source, resolution, withMetafields, availability.listed(List.of(source.id())));
    }

    /** {@link #desire} with the channel listing read beforehand ({@link #readAll}). */
    DesiredProduct desire(
            Product source, Resolution resolution, boolean withMetafields, AvailabilityRule.Listed listed) {
        DesiredProduct desired =
                desire(source, new Lookups(brands, categories, resolution), listed.decide(source), Optional.empty());
        return withMetafields ? withMetafields(desired) : desired;
    }

    /** The same desire with Store A's metafields, read now unless it has them already. */
    public DesiredProduct withMetafields(DesiredProduct desired) {
        return desired.metafields().isPresent()
                ? desired
                : desired.withMetafields(storeA.metafields(desired.source().id()));
    }

    /**
     * Store B's product for it (id map, then SKU, then variant SKU), with Store B's metafields when wanted: those this
     * app wrote, the only ones it may change or delete. Other apps' metafields are theirs; one with the same namespace
     * and key stands beside ours (metafields are unique per app).
     */
    public Optional<ProductMatch> match(Product source, boolean withMetafields) {
        return match(source, withMetafields, matcher.known(source.id()));
    }

    /** {@link #match} with what the id map knows read beforehand ({@link #readAll}). */
    Optional<ProductMatch> match(Product source, boolean withMetafields, ProductMatcher.Known known) {
        return matcher.match(source, known)
                .map(match -> withMetafields
                        ? match.withMetafields(
                                ours(storeB.metafields(match.target().id()), match.mapping()))
                        : match);
    }

    /** This app's metafields: the ones the id map knows it wrote, and, with STORE_B_CLIENT_ID, any of its client id. */
    private List<Metafield> ours(List<Metafield> metafields, ProductMapping mapping) {
        return metafields.stream()
                .filter(m -> mapping.metafields().stream().anyMatch(pair -> pair.b() == m.id())
                        || storeBClientId.map(m.ownerClientId()::equals).orElse(false))
                .toList();
    }

    /** The writes that make Store B match: an update of the match, or a create when there is none. */
    public ProductPlan plan(DesiredProduct desired, Optional<ProductMatch> match) {
        return match.map(m -> planner.update(desired, m.target(), m.metafields(), m.mapping()))
                .orElseGet(() -> planner.create(desired));
    }

    /**
     * A page of Store A products desired, matched and planned with a few reads for the whole page: one listing read,
     * the matches by {@code id:in} and {@code sku:in}, and each brand and category looked up once. Metafields are left
     * out: they would cost two reads per product.
     */
    public List<PlannedProduct> planPage(List<Product> page, Resolution resolution) {
        Map<Long, String> decided = availability.decideAll(page);
        Map<Long, ProductMatch> matches = matcher.matchAll(page);
        Lookups lookups = new Lookups(brands, categories, resolution);
        List<PlannedProduct> planned = new ArrayList<>();
        for (Product source : page) {
            DesiredProduct desired = desire(source, lookups, decided.get(source.id()), Optional.empty());
            Optional<ProductMatch> match = Optional.ofNullable(matches.get(source.id()));
            Optional<ProductPlan> plan = source.sku().isBlank() ? Optional.empty() : Optional.of(plan(desired, match));
            planned.add(new PlannedProduct(source, desired, match, plan));
        }
        return planned;
    }

    private static DesiredProduct desire(
            Product source, Lookups lookups, String availability, Optional<List<Metafield>> metafields) {
        Lookups.Found brand = lookups.brand(source.brandId());
        Set<String> wouldCreate = new LinkedHashSet<>(brand.wouldCreate());
        List<Long> categoryIds = new ArrayList<>();
        for (long category : source.categories()) {
            Lookups.Found found = lookups.category(category);
            categoryIds.addAll(found.ids());
            wouldCreate.addAll(found.wouldCreate());
        }
        return new DesiredProduct(
                source, brand.ids().get(0), categoryIds, availability, metafields, List.copyOf(wouldCreate));
    }
}
