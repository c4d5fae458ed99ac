package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.Brand;
import dev.storesync.bigcommerce.Product;
import dev.storesync.bigcommerce.Query;
import dev.storesync.bigcommerce.TreeCategory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares Store A with Store B through the sync engine's own plan, a page at a time and with a few reads per page:
 * what reconcile runs use to find what webhooks missed. Nothing here writes, unless {@code resolve} asks for missing
 * brands and categories to be created (a backfill about to write the products anyway).
 */
public final class CatalogCompare {
    private final BigCommerceClient storeA;
    private final BigCommerceClient storeB;
    private final IdMap idMap;
    private final BrandResolver brands;
    private final CategoryResolver categories;
    private final AvailabilityRule availability;
    private final ProductMatcher matcher;
    private final StoreBTree tree;
    private final ProductPlanner planner = new ProductPlanner();

    CatalogCompare(
            BigCommerceClient storeA,
            BigCommerceClient storeB,
            IdMap idMap,
            CategoryResolver categories,
            AvailabilityRule availability,
            StoreBTree tree) {
        this.storeA = storeA;
        this.storeB = storeB;
        this.idMap = idMap;
        this.brands = new BrandResolver(storeA, storeB, idMap);
        this.categories = categories;
        this.availability = availability;
        this.matcher = new ProductMatcher(storeB, idMap);
        this.tree = tree;
    }

    /** The query that reads Store A products the way {@link #products} needs them. */
    public static Query productQuery(Query query) {
        return ProductMatcher.include(query);
    }

    /** Metafields are left out: they cost two reads per product; a reconcile's task syncs them. */
    public ComparedPage products(List<Product> page, boolean resolve) {
        Map<Long, String> decided = availability.decideAll(page);
        Map<Long, ProductMatcher.Match> matches = matcher.matchAll(page);
        List<ComparedPage.Item> differing = new ArrayList<>();
        Map<Long, Peeked> brandPeeks = new HashMap<>();
        Map<Long, Peeked> categoryPeeks = new HashMap<>();
        for (Product source : page) {
            List<String> wouldCreate = new ArrayList<>();
            long brand;
            List<Long> categoryIds = new ArrayList<>();
            if (resolve) {
                brand = brands.resolve(source.brandId());
                categoryIds.addAll(categories.resolveAll(source.categories()));
            } else {
                // products of a page share brands and categories: each unmapped one is looked up once per page
                Peeked peekedBrand = brandPeeks.computeIfAbsent(
                        source.brandId(), id -> Peeked.of(found -> List.of(brands.peek(id, found))));
                brand = peekedBrand.ids().get(0);
                wouldCreate.addAll(peekedBrand.wouldCreate());
                for (long category : source.categories()) {
                    Peeked peeked = categoryPeeks.computeIfAbsent(
                            category, id -> Peeked.of(found -> categories.peekAll(List.of(id), found)));
                    categoryIds.addAll(peeked.ids());
                    wouldCreate.addAll(peeked.wouldCreate());
                }
            }
            DesiredProduct desired =
                    new DesiredProduct(source, brand, categoryIds, decided.get(source.id()), Optional.empty());
            Optional<ProductMatcher.Match> match = Optional.ofNullable(matches.get(source.id()));
            if (source.sku().isBlank()) {
                differing.add(new ComparedPage.Item(
                        source,
                        desired,
                        match,
                        Optional.empty(),
                        drift(source, "has no SKU, so it cannot be matched in Store B", List.of())));
                continue;
            }
            ProductPlan plan = match.map(m -> planner.update(desired, m.target(), Optional.empty(), m.mapping()))
                    .orElseGet(() -> planner.create(desired));
            if (plan.isEmpty() && wouldCreate.isEmpty()) {
                continue;
            }
            List<String> writes = new ArrayList<>();
            wouldCreate.forEach(w -> writes.add("create " + w));
            plan.writes().forEach(w -> writes.add(w.describe()));
            String problem = match.isEmpty()
                    ? "missing in Store B"
                    : "differs from Store B product " + match.get().target().id();
            differing.add(
                    new ComparedPage.Item(source, desired, match, Optional.of(plan), drift(source, problem, writes)));
        }
        return new ComparedPage(page.size(), differing);
    }

    /** A whole resource compared: how many Store A items were looked at, and how the differing ones differ. */
    public record Compared(int scanned, List<Drift> drift) {}

    /** Every Store A category against its Store B counterpart: missing, moved or changed. */
    public Compared categories() {
        List<TreeCategory> sources = storeA.getAll("/catalog/trees/categories", Query.empty(), TreeCategory::from);
        Map<Long, TreeCategory> targets =
                storeB
                        .getAll("/catalog/trees/categories", Query.of("tree_id:in", tree.id()), TreeCategory::from)
                        .stream()
                        .collect(Collectors.toMap(TreeCategory::categoryId, Function.identity(), (x, y) -> x));
        List<Drift> drift = new ArrayList<>();
        for (TreeCategory source : sources) {
            OptionalLong mapped = idMap.find(IdMap.CATEGORY, source.categoryId());
            TreeCategory target = mapped.isPresent() ? targets.get(mapped.getAsLong()) : null;
            String label = "'" + source.name() + "'";
            if (target == null) {
                drift.add(new Drift(IdMap.CATEGORY, source.categoryId(), label, "missing in Store B", List.of()));
                continue;
            }
            List<String> changed = new ArrayList<>();
            WritableFields.changes(WritableFields.copy(source.fields(), WritableFields.CATEGORY), target.fields())
                    .fieldNames()
                    .forEachRemaining(changed::add);
            OptionalLong parent =
                    source.parentId() == 0 ? OptionalLong.of(0) : idMap.find(IdMap.CATEGORY, source.parentId());
            if (parent.isEmpty() || parent.getAsLong() != target.parentId()) {
                changed.add("parent_id");
            }
            if (!changed.isEmpty()) {
                drift.add(new Drift(
                        IdMap.CATEGORY,
                        source.categoryId(),
                        label,
                        "differs from Store B category " + target.categoryId() + ": " + String.join(", ", changed),
                        List.of()));
            }
        }
        return new Compared(sources.size(), drift);
    }

    /**
     * Every Store A brand that Store B already has (through the id map) against it. Brands Store B lacks are left out:
     * they come over with the first product that needs them.
     */
    public Compared brands() {
        Map<Long, Brand> targets = storeB.getAll("/catalog/brands", Query.empty(), Brand::from).stream()
                .collect(Collectors.toMap(Brand::id, Function.identity()));
        List<Drift> drift = new ArrayList<>();
        List<Brand> sources = storeA.getAll("/catalog/brands", Query.empty(), Brand::from);
        for (Brand source : sources) {
            OptionalLong mapped = idMap.find(IdMap.BRAND, source.id());
            if (mapped.isEmpty()) {
                continue;
            }
            Brand target = targets.get(mapped.getAsLong());
            String label = "'" + source.name() + "'";
            if (target == null) {
                drift.add(new Drift(IdMap.BRAND, source.id(), label, "gone from Store B", List.of()));
                continue;
            }
            List<String> changed = new ArrayList<>();
            BrandSteps.changes(source, target).fieldNames().forEachRemaining(changed::add);
            if (!changed.isEmpty()) {
                drift.add(new Drift(
                        IdMap.BRAND,
                        source.id(),
                        label,
                        "differs from Store B brand " + target.id() + ": " + String.join(", ", changed),
                        List.of()));
            }
        }
        return new Compared(sources.size(), drift);
    }

    /** A dry-run lookup: the Store B ids it found and what it would have to create. */
    private record Peeked(List<Long> ids, List<String> wouldCreate) {
        static Peeked of(java.util.function.Function<List<String>, List<Long>> lookup) {
            List<String> wouldCreate = new ArrayList<>();
            List<Long> ids = lookup.apply(wouldCreate);
            return new Peeked(ids, wouldCreate);
        }
    }

    private static Drift drift(Product source, String problem, List<String> writes) {
        return new Drift(
                IdMap.PRODUCT, source.id(), "'" + source.name() + "' (SKU '" + source.sku() + "')", problem, writes);
    }
}
