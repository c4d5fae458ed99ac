package dev.storesync.sync;

import java.util.List;
import java.util.Optional;

/**
 * What storesync knows of one product in Store B: its id, and the Store B ids of the product's options, option values,
 * variants, images and metafields by their Store A ids. The ids are what lets a rename in Store A stay a rename in
 * Store B (same ids) instead of a delete and a new create; {@link ImagePair#file} remembers which version of Store A's
 * image file Store B holds.
 */
public record ProductMapping(
        long a,
        long b,
        String sku,
        List<OptionPair> options,
        List<IdPair> variants,
        List<ImagePair> images,
        List<IdPair> metafields) {

    public ProductMapping {
        options = List.copyOf(options);
        variants = List.copyOf(variants);
        images = List.copyOf(images);
        metafields = List.copyOf(metafields);
    }

    public record IdPair(long a, long b) {}

    public record OptionPair(long a, long b, List<IdPair> values) {
        public OptionPair {
            values = List.copyOf(values);
        }
    }

    /** @param file Store A's {@code url_zoom} when Store B's copy was uploaded */
    public record ImagePair(long a, long b, String file) {}

    public static ProductMapping empty(long a) {
        return new ProductMapping(a, 0, "", List.of(), List.of(), List.of(), List.of());
    }

    /** A product just created in Store B as {@code b}: nothing of its parts is known yet. */
    ProductMapping pointingAt(long b, String sku) {
        return new ProductMapping(a, b, sku, List.of(), List.of(), List.of(), List.of());
    }

    Optional<OptionPair> option(long aOption) {
        return options.stream().filter(o -> o.a() == aOption).findFirst();
    }

    Optional<Long> value(long aOption, long aValue) {
        return option(aOption).flatMap(o -> o.values().stream()
                .filter(v -> v.a() == aValue)
                .findFirst()
                .map(IdPair::b));
    }

    Optional<Long> variant(long aVariant) {
        return find(variants, aVariant);
    }

    Optional<ImagePair> image(long aImage) {
        return images.stream().filter(i -> i.a() == aImage).findFirst();
    }

    Optional<Long> metafield(long aMetafield) {
        return find(metafields, aMetafield);
    }

    private static Optional<Long> find(List<IdPair> pairs, long a) {
        return pairs.stream().filter(p -> p.a() == a).findFirst().map(IdPair::b);
    }
}
