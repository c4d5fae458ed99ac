package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.Product;
import dev.storesync.queue.PermanentSyncException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the Store B product that stands for a Store A product: the id map first, then a product with the same SKU,
 * then a product with a variant of that SKU. Each lookup is one read that also brings the product's variants, images,
 * custom fields and options.
 */
final class ProductMatcher {
    /** Reading every variant of Store B pays off while it takes no more reads than one SKU lookup per product. */
    private static final long VARIANTS_PER_READ = 250;

    private final BigCommerceStore storeB;
    private final IdMap idMap;

    ProductMatcher(BigCommerceStore storeB, IdMap idMap) {
        this.storeB = storeB;
        this.idMap = idMap;
    }

    Optional<ProductMatch> match(Product source) {
        requireSku(source);
        return match(source, known(source.id()));
    }

    /** {@link #match} with what the id map knows, read beforehand ({@link #known}). */
    Optional<ProductMatch> match(Product source, Known known) {
        requireSku(source);
        if (known.target().isPresent()) {
            return Optional.of(new ProductMatch(known.target().get(), known.mapping()));
        }
        return storeB.productBySku(source.sku())
                .or(() -> byVariantSku(source.sku()))
                .map(target -> new ProductMatch(target, known.mapping()));
    }

    /**
     * What the id map knows of Store A's product: its mapping, and Store B's product it names, read now (empty when
     * there is none or Store B no longer has it). It depends on the id alone, so a sync reads it while it reads the
     * product from Store A.
     */
    Known known(long storeAId) {
        Optional<ProductMapping> mapping = idMap.product(storeAId);
        Optional<Product> target = mapping.filter(m -> m.b() != 0).flatMap(m -> storeB.product(m.b()));
        return new Known(mapping.orElse(ProductMapping.empty(storeAId)), target);
    }

    /** See {@link #known}. */
    record Known(ProductMapping mapping, Optional<Product> target) {}

    private static void requireSku(Product source) {
        if (source.sku().isBlank()) {
            throw new PermanentSyncException("Store A product " + source.id() + " ('" + source.name()
                    + "') has no SKU; products are matched by SKU, so it syncs once it has one");
        }
    }

    /**
     * {@link #match} for a page of products in a few reads instead of a few per product: mapped ids in one read, SKUs
     * in one, variant SKUs in one. Products without a SKU are left out (their sync says why).
     */
    Map<Long, ProductMatch> matchAll(List<Product> sources) {
        Map<Long, ProductMatch> matches = new HashMap<>();
        Map<Long, ProductMapping> mappings = new HashMap<>();
        List<Product> withSku = new ArrayList<>();
        for (Product source : sources) {
            if (source.sku().contains(",")) {
                // a comma would split the SKU in an :in filter: this one is looked up on its own
                match(source).ifPresent(m -> matches.put(source.id(), m));
            } else if (!source.sku().isBlank()) {
                withSku.add(source);
            }
        }
        withSku.forEach(p -> mappings.put(p.id(), idMap.product(p.id()).orElse(ProductMapping.empty(p.id()))));
        List<Long> mapped = withSku.stream()
                .map(p -> mappings.get(p.id()).b())
                .filter(b -> b != 0)
                .toList();
        Map<Long, Product> byId = new HashMap<>();
        if (!mapped.isEmpty()) {
            storeB.products(mapped).forEach(p -> byId.put(p.id(), p));
        }
        List<Product> unmatched = new ArrayList<>();
        for (Product source : withSku) {
            Product target = byId.get(mappings.get(source.id()).b());
            if (target != null) {
                matches.put(source.id(), new ProductMatch(target, mappings.get(source.id())));
            } else {
                unmatched.add(source);
            }
        }
        if (unmatched.isEmpty()) {
            return matches;
        }
        Map<String, Product> bySku = new HashMap<>();
        storeB.productsBySku(skus(unmatched)).forEach(p -> bySku.put(lower(p.sku()), p));
        List<Product> stillUnmatched = new ArrayList<>();
        for (Product source : unmatched) {
            Product target = bySku.get(lower(source.sku()));
            if (target != null) {
                matches.put(source.id(), new ProductMatch(target, mappings.get(source.id())));
            } else {
                stillUnmatched.add(source);
            }
        }
        if (stillUnmatched.isEmpty()) {
            return matches;
        }
        Map<String, Long> variantOwners = variantOwners(stillUnmatched);
        List<Long> owners = variantOwners.values().stream().distinct().toList();
        Map<Long, Product> ownersById = new HashMap<>();
        if (!owners.isEmpty()) {
            storeB.products(owners).forEach(p -> ownersById.put(p.id(), p));
        }
        for (Product source : stillUnmatched) {
            Long owner = variantOwners.get(lower(source.sku()));
            if (owner != null && ownersById.containsKey(owner)) {
                matches.put(source.id(), new ProductMatch(ownersById.get(owner), mappings.get(source.id())));
            }
        }
        return matches;
    }

    /**
     * Which Store B products own variants with these SKUs. The variants listing filters by one SKU at a time, so when
     * Store B has few variants (a first import) reading all of them is cheaper than one lookup per SKU.
     */
    private Map<String, Long> variantOwners(List<Product> sources) {
        Map<String, Long> owners = new HashMap<>();
        if (storeB.variantCount() <= VARIANTS_PER_READ * sources.size()) {
            Set<String> wanted = new HashSet<>();
            sources.forEach(p -> wanted.add(lower(p.sku())));
            storeB.variantOwners().stream()
                    .filter(v -> wanted.contains(lower(v.sku())))
                    .forEach(v -> owners.putIfAbsent(lower(v.sku()), v.productId()));
            return owners;
        }
        for (Product source : sources) {
            storeB.variantsBySku(source.sku()).stream()
                    .findFirst()
                    .ifPresent(v -> owners.put(lower(source.sku()), v.productId()));
        }
        return owners;
    }

    private static List<String> skus(List<Product> products) {
        return products.stream().map(Product::sku).toList();
    }

    private static String lower(String sku) {
        return sku.toLowerCase(java.util.Locale.ROOT);
    }

    private Optional<Product> byVariantSku(String sku) {
        return storeB.variantsBySku(sku).stream().findFirst().flatMap(v -> storeB.product(v.productId()));
    }
}
