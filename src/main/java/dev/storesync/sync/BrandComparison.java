package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.Brand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Store A brand that Store B already has (through the id map) against it, as the sync-brand route would see it.
 * Brands Store B lacks are left out: they come over with the first product that needs them.
 */
public final class BrandComparison {
    private final BigCommerceStore storeA;
    private final BigCommerceStore storeB;
    private final IdMap idMap;

    BrandComparison(BigCommerceStore storeA, BigCommerceStore storeB, IdMap idMap) {
        this.storeA = storeA;
        this.storeB = storeB;
        this.idMap = idMap;
    }

    public Comparison compare() {
        Map<Long, Brand> targets = storeB.brands().stream().collect(Collectors.toMap(Brand::id, Function.identity()));
        List<Comparison.Difference> differences = new ArrayList<>();
        List<Brand> sources = storeA.brands();
        for (Brand source : sources) {
            OptionalLong mapped = idMap.find(IdMap.BRAND, source.id());
            if (mapped.isEmpty()) {
                continue;
            }
            Brand target = targets.get(mapped.getAsLong());
            String label = "'" + source.name() + "'";
            if (target == null) {
                differences.add(new Comparison.Difference(source.id(), label, "gone from Store B"));
                continue;
            }
            Comparison.Difference.changed(
                            source.id(),
                            label,
                            "brand " + target.id(),
                            BrandSteps.changes(source, target, idMap.uploadedImage(IdMap.BRAND, source.id())))
                    .ifPresent(differences::add);
        }
        return new Comparison(sources.size(), differences);
    }
}
