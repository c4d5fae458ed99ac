package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.Product;
import dev.storesync.bigcommerce.Query;
import dev.storesync.bigcommerce.Variant;
import dev.storesync.queue.PermanentSyncException;
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
