package dev.storesync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.Product;
import dev.storesync.bigcommerce.ProductImage;
import dev.storesync.bigcommerce.ProductOption;
import dev.storesync.bigcommerce.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The id map of a product after a sync: what was paired, plus what the writes created. */
final class Remapping {
    private Remapping() {}

    /**
     * @param metafields the metafield pairs when this sync covered metafields; empty keeps what the map knew
     */
    static ProductMapping after(
            Product source,
            long target,
            ProductPairs pairs,
            Optional<Map<Long, Metafield>> metafields,
            List<Written> written,
            ProductMapping previous) {
        List<ProductMapping.OptionPair> options = new ArrayList<>();
        for (ProductOption option : source.options()) {
            long b = Optional.ofNullable(pairs.options().get(option.id()))
                    .map(ProductOption::id)
                    .orElseGet(() -> created(written, new PlannedWrite.Creates.Option(option.id()))
                            .map(data -> data.path("id").asLong())
                            .orElse(0L));
            if (b == 0) {
                continue;
            }
            List<ProductMapping.IdPair> values = new ArrayList<>();
            for (ProductOption.Value value : option.optionValues()) {
                long bValue = Optional.ofNullable(pairs.values().get(value.id()))
                        .map(ProductOption.Value::id)
                        .or(() -> created(written, new PlannedWrite.Creates.Value(option.id(), value.id()))
                                .map(data -> data.path("id").asLong()))
                        .or(() -> created(written, new PlannedWrite.Creates.Option(option.id()))
                                .flatMap(data -> valueByLabel(data, value.label())))
                        .orElse(0L);
                if (bValue != 0) {
                    values.add(new ProductMapping.IdPair(value.id(), bValue));
                }
            }
            options.add(new ProductMapping.OptionPair(option.id(), b, values));
        }
        List<ProductMapping.IdPair> variants = new ArrayList<>();
        for (Variant variant : source.variants()) {
            // a variant created anew (its option values changed) replaces the one it was paired with
            created(written, new PlannedWrite.Creates.Variant(variant.id()))
                    .map(data -> data.path("id").asLong())
                    .filter(b -> b != 0)
                    .or(() -> Optional.ofNullable(pairs.variants().get(variant.id()))
                            .map(Variant::id))
                    .ifPresent(b -> variants.add(new ProductMapping.IdPair(variant.id(), b)));
        }
        List<ProductMapping.ImagePair> images = new ArrayList<>();
        for (ProductImage image : source.images()) {
            idOf(pairs.images().get(image.id()), ProductImage::id, written, new PlannedWrite.Creates.Image(image.id()))
                    .ifPresent(b -> images.add(new ProductMapping.ImagePair(image.id(), b, image.urlZoom())));
        }
        List<ProductMapping.IdPair> metafieldPairs =
                metafields.map(paired -> metafieldPairs(paired, written)).orElse(previous.metafields());
        return new ProductMapping(source.id(), target, source.sku(), options, variants, images, metafieldPairs);
    }

    private static List<ProductMapping.IdPair> metafieldPairs(Map<Long, Metafield> paired, List<Written> written) {
        List<ProductMapping.IdPair> pairs = new ArrayList<>();
        paired.forEach((a, b) -> pairs.add(new ProductMapping.IdPair(a, b.id())));
        for (Written write : written) {
            if (write.write().creates() instanceof PlannedWrite.Creates.Metafield created) {
                pairs.add(new ProductMapping.IdPair(
                        created.aMetafield(), write.data().path("id").asLong()));
            }
        }
        return pairs;
    }

    private static <T> Optional<Long> idOf(
            T paired, java.util.function.ToLongFunction<T> id, List<Written> written, PlannedWrite.Creates creates) {
        if (paired != null) {
            return Optional.of(id.applyAsLong(paired));
        }
        return created(written, creates).map(data -> data.path("id").asLong()).filter(b -> b != 0);
    }

    private static Optional<JsonNode> created(List<Written> written, PlannedWrite.Creates creates) {
        return written.stream()
                .filter(w -> w.write().creates().equals(creates))
                .map(Written::data)
                .findFirst();
    }

    static Optional<Long> valueByLabel(JsonNode option, String label) {
        for (JsonNode value : option.path("option_values")) {
            if (value.path("label").asText().equals(label)) {
                return Optional.of(value.path("id").asLong());
            }
        }
        return Optional.empty();
    }
}
