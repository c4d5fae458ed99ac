package dev.storesync.sync;

import dev.storesync.bigcommerce.Product;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a product's sync reads before it decides anything ({@link ProductPipeline#readAll}): Store A's product, and,
 * still under way, its channel listing and Store B's product by the id map. A failed read fails the step that needs
 * it, with the read's own exception (so it is classified as if it had been read there).
 */
record ProductReads(
        Optional<Product> source,
        CompletableFuture<AvailabilityRule.Listed> listed,
        CompletableFuture<ProductMatcher.Known> known) {

    AvailabilityRule.Listed listing() {
        return await(listed);
    }

    ProductMatcher.Known idMapped() {
        return await(known);
    }

    private static <T> T await(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
