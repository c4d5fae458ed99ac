package dev.storesync.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The brand and category look-ups of one product or one page of products. Products of a page share brands and
 * categories, so each one is looked up once per page.
 */
final class Lookups {
    private final BrandResolver brands;
    private final CategoryResolver categories;
    private final Resolution resolution;
    private final Map<Long, Found> brandsFound = new HashMap<>();
    private final Map<Long, Found> categoriesFound = new HashMap<>();

    /** Store B's ids for one Store A brand or category (none when Store A no longer has it), and what a peek lacks. */
    record Found(List<Long> ids, List<String> wouldCreate) {}

    Lookups(BrandResolver brands, CategoryResolver categories, Resolution resolution) {
        this.brands = brands;
        this.categories = categories;
        this.resolution = resolution;
    }

    /** The Store B brand: one id, 0 when the product has no brand. */
    Found brand(long aBrand) {
        return brandsFound.computeIfAbsent(
                aBrand,
                id -> look(wouldCreate ->
                        List.of(resolution == Resolution.PEEK ? brands.peek(id, wouldCreate) : brands.resolve(id))));
    }

    Found category(long aCategory) {
        return categoriesFound.computeIfAbsent(
                aCategory,
                id -> look(wouldCreate -> resolution == Resolution.PEEK
                        ? categories.peekAll(List.of(id), wouldCreate)
                        : categories.resolveAll(List.of(id))));
    }

    private static Found look(Function<List<String>, List<Long>> lookup) {
        List<String> wouldCreate = new ArrayList<>();
        List<Long> ids = lookup.apply(wouldCreate);
        return new Found(ids, wouldCreate);
    }
}
