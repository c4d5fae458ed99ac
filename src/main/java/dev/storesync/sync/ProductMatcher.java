package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.Product;
import dev.storesync.bigcommerce.Query;
import dev.storesync.bigcommerce.Variant;
import dev.storesync.queue.PermanentSyncException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Store B product that stands for a Store A product: the id map first, then a product with the same SKU,
 * then a product with a variant of that SKU. Each lookup is one read that also brings the product's variants, images,
 * custom fields and options.
 */
final class ProductMatcher {
    private final BigCommerceClient storeB;
    private final IdMap idMap;

    ProductMatcher(BigCommerceClient storeB, IdMap idMap) {
        this.storeB = storeB;
        this.idMap = idMap;
    }

    /** A Store B product and what the id map knows of it. */
    record Match(Product target, ProductMapping mapping) {}

    Optional<Match> match(Product source) {
        if (source.sku().isBlank()) {
            throw new PermanentSyncException("Store A product " + source.id() + " ('" + source.name()
                    + "') has no SKU; products are matched by SKU, so it syncs once it has one");
        }
        Optional<ProductMapping> mapping = idMap.product(source.id());
        if (mapping.isPresent() && mapping.get().b() != 0) {
            Optional<Product> mapped = read(mapping.get().b());
            if (mapped.isPresent()) {
                return Optional.of(new Match(mapped.get(), mapping.get()));
            }
        }
        ProductMapping known = mapping.orElse(ProductMapping.empty(source.id()));
        return bySku(source.sku()).or(() -> byVariantSku(source.sku())).map(target -> new Match(target, known));
    }

    /**
     * {@link #match} for a page of products in a few reads instead of a few per product: mapped ids in one read, SKUs
     * in one, variant SKUs in one. Products without a SKU are left out (their sync says why).
     */
    Map<Long, Match> matchAll(List<Product> sources) {
        Map<Long, Match> matches = new HashMap<>();
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
            readAll(Query.empty().withList("id:in", mapped)).forEach(p -> byId.put(p.id(), p));
        }
        List<Product> unmatched = new ArrayList<>();
        for (Product source : withSku) {
            Product target = byId.get(mappings.get(source.id()).b());
            if (target != null) {
                matches.put(source.id(), new Match(target, mappings.get(source.id())));
            } else {
                unmatched.add(source);
            }
        }
        if (unmatched.isEmpty()) {
            return matches;
        }
        Map<String, Product> bySku = new HashMap<>();
        readAll(Query.empty().withList("sku:in", skus(unmatched))).forEach(p -> bySku.put(lower(p.sku()), p));
        List<Product> stillUnmatched = new ArrayList<>();
        for (Product source : unmatched) {
            Product target = bySku.get(lower(source.sku()));
            if (target != null) {
                matches.put(source.id(), new Match(target, mappings.get(source.id())));
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
            readAll(Query.empty().withList("id:in", owners)).forEach(p -> ownersById.put(p.id(), p));
        }
        for (Product source : stillUnmatched) {
            Long owner = variantOwners.get(lower(source.sku()));
            if (owner != null && ownersById.containsKey(owner)) {
                matches.put(source.id(), new Match(ownersById.get(owner), mappings.get(source.id())));
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
        Query fields = Query.empty().withList("include_fields", List.of("sku", "product_id"));
        long total = storeB.getJson("/catalog/variants", fields.with("limit", 1))
                .map(body -> body.path("meta").path("pagination").path("total").asLong())
                .orElse(Long.MAX_VALUE);
        if (total <= 250L * sources.size()) {
            java.util.Set<String> wanted = new java.util.HashSet<>();
            sources.forEach(p -> wanted.add(lower(p.sku())));
            storeB.getAll("/catalog/variants", fields.with("limit", 250), Variant::from).stream()
                    .filter(v -> wanted.contains(lower(v.sku())))
                    .forEach(v -> owners.putIfAbsent(lower(v.sku()), v.productId()));
            return owners;
        }
        for (Product source : sources) {
            storeB.getAll("/catalog/variants", Query.of("sku", source.sku()), Variant::from).stream()
                    .filter(v -> v.sku().equalsIgnoreCase(source.sku()))
                    .findFirst()
                    .ifPresent(v -> owners.put(lower(source.sku()), v.productId()));
        }
        return owners;
    }

    private List<Product> readAll(Query query) {
        return storeB.getAll("/catalog/products", include(query.with("limit", 50)), Product::from);
    }

    private static List<String> skus(List<Product> products) {
        return products.stream().map(Product::sku).toList();
    }

    private static String lower(String sku) {
        return sku.toLowerCase(java.util.Locale.ROOT);
    }

    Optional<Product> read(long id) {
        return storeB.get("/catalog/products/" + id, include(Query.empty()), Product::from);
    }

    private Optional<Product> bySku(String sku) {
        return storeB.getAll("/catalog/products", include(Query.of("sku", sku)), Product::from).stream()
                .filter(p -> p.sku().equalsIgnoreCase(sku))
                .findFirst();
    }

    private Optional<Product> byVariantSku(String sku) {
        return storeB.getAll("/catalog/variants", Query.of("sku", sku), Variant::from).stream()
                .filter(v -> v.sku().equalsIgnoreCase(sku))
                .findFirst()
                .flatMap(v -> read(v.productId()));
    }

    static Query include(Query query) {
        return query.withList("include", Product.INCLUDE);
    }
}
