package dev.storesync.sync;

import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.Product;
import dev.storesync.bigcommerce.ProductImage;
import dev.storesync.bigcommerce.ProductOption;
import dev.storesync.bigcommerce.Variant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which part of a Store B product stands for each part of the Store A product: the id map first (so that renames keep
 * Store B's ids), then the natural key: option display name, value label, variant SKU or option values, image
 * description and position, metafield namespace and key. Each Store B part stands for at most one Store A part.
 */
record ProductPairs(
        Map<Long, ProductOption> options,
        Map<Long, ProductOption.Value> values,
        Map<Long, Variant> variants,
        Map<Long, ProductImage> images) {

    static ProductPairs of(Product a, Product b, ProductMapping mapping) {
        Map<Long, ProductOption> options = pair(
                a.options(),
                b.options(),
                ProductOption::id,
                ProductOption::id,
                o -> mapping.option(o.id()).map(ProductMapping.OptionPair::b),
                (x, y) -> sameText(x.displayName(), y.displayName()));
        Map<Long, ProductOption.Value> values = new LinkedHashMap<>();
        for (ProductOption option : a.options()) {
            ProductOption target = options.get(option.id());
            if (target != null) {
                values.putAll(pair(
                        option.optionValues(),
                        target.optionValues(),
                        ProductOption.Value::id,
                        ProductOption.Value::id,
                        v -> mapping.value(option.id(), v.id()),
                        (x, y) -> sameText(x.label(), y.label())));
            }
        }
        Map<Long, Variant> variants = pair(
                a.variants(),
                b.variants(),
                Variant::id,
                Variant::id,
                v -> mapping.variant(v.id()),
                // a base variant stands only for a base variant: a product without options matched through a
                // variant's SKU does not make that variant its own
                (x, y) -> x.isBase() == y.isBase()
                        && (x.isBase()
                                || (!x.sku().isEmpty() && sameText(x.sku(), y.sku()))
                                || sameCombination(x, y, values)));
        Map<Long, ProductImage> images = pair(
                a.images(),
                b.images(),
                ProductImage::id,
                ProductImage::id,
                i -> mapping.image(i.id()).map(ProductMapping.ImagePair::b),
                // never by position: a different image in the same place would be kept for good
                ProductPairs::copiedFrom);
        return new ProductPairs(options, values, variants, images);
    }

    /** Store A's metafields paired with Store B's, by the id map and then by namespace and key. */
    static Map<Long, Metafield> metafields(List<Metafield> a, List<Metafield> b, ProductMapping mapping) {
        return pair(a, b, Metafield::id, Metafield::id, m -> mapping.metafield(m.id()), (x, y) -> x.address()
                .equals(y.address()));
    }

    /** Whether a Store B option value is the counterpart of some Store A value. */
    boolean pairedValue(long bValue) {
        return values.values().stream().anyMatch(v -> v.id() == bValue);
    }

    /** Whether Store B's variant is made of the counterparts of Store A's variant's option values. */
    boolean sameCombination(Variant a, Variant b) {
        return sameCombination(a, b, values);
    }

    private static boolean sameCombination(Variant a, Variant b, Map<Long, ProductOption.Value> values) {
        if (a.isBase()
                || b.isBase()
                || a.optionValues().size() != b.optionValues().size()) {
            return false;
        }
        Set<Long> mapped = new HashSet<>();
        for (Variant.OptionValueRef value : a.optionValues()) {
            ProductOption.Value counterpart = values.get(value.id());
            if (counterpart == null) {
                return false;
            }
            mapped.add(counterpart.id());
        }
        return mapped.equals(
                b.optionValues().stream().map(Variant.OptionValueRef::id).collect(Collectors.toSet()));
    }

    /**
     * Whether Store B's image is a copy of Store A's file: a store names an uploaded file after the file it came from,
     * so the copy's stored name starts with the original's ({@code towel__45678} ▶ {@code towel__45678.1538675987__91234}).
     */
    private static boolean copiedFrom(ProductImage a, ProductImage b) {
        String original = a.fileStem();
        String copy = b.fileStem();
        if (original.isEmpty() || !copy.startsWith(original)) {
            return false;
        }
        String rest = copy.substring(original.length());
        return rest.isEmpty() || rest.startsWith(".") || rest.startsWith("__");
    }

    private static boolean sameText(String a, String b) {
        return a != null
                && b != null
                && a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
    }

    /** Pairs by the id map first for every item, then by the natural key among what is left. */
    private static <A, B> Map<Long, B> pair(
            List<A> as,
            List<B> bs,
            Function<A, Long> aId,
            Function<B, Long> bId,
            Function<A, Optional<Long>> mapped,
            BiPredicate<A, B> sameKey) {
        Map<Long, B> pairs = new LinkedHashMap<>();
        Set<Long> taken = new HashSet<>();
        for (A item : as) {
            mapped.apply(item)
                    .flatMap(id ->
                            bs.stream().filter(b -> bId.apply(b).equals(id)).findFirst())
                    .filter(b -> !taken.contains(bId.apply(b)))
                    .ifPresent(b -> {
                        pairs.put(aId.apply(item), b);
                        taken.add(bId.apply(b));
                    });
        }
        for (A item : as) {
            if (pairs.containsKey(aId.apply(item))) {
                continue;
            }
            bs.stream()
                    .filter(b -> !taken.contains(bId.apply(b)) && sameKey.test(item, b))
                    .findFirst()
                    .ifPresent(b -> {
                        pairs.put(aId.apply(item), b);
                        taken.add(bId.apply(b));
                    });
        }
        return pairs;
    }
}
