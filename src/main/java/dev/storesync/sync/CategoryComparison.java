package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.TreeCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every Store A category against its Store B counterpart, as the sync-category route would see it: missing, moved or changed. */
public final class CategoryComparison {
    private final BigCommerceStore storeA;
    private final BigCommerceStore storeB;
    private final IdMap idMap;
    private final StoreBTree tree;

    CategoryComparison(BigCommerceStore storeA, BigCommerceStore storeB, IdMap idMap, StoreBTree tree) {
        this.storeA = storeA;
        this.storeB = storeB;
        this.idMap = idMap;
        this.tree = tree;
    }

    public Comparison compare() {
        List<TreeCategory> sources = storeA.categories();
        Map<Long, TreeCategory> targets = storeB.categoriesOfTree(tree.id()).stream()
                .collect(Collectors.toMap(TreeCategory::categoryId, Function.identity(), (x, y) -> x));
        List<Comparison.Difference> differences = new ArrayList<>();
        for (TreeCategory source : sources) {
            OptionalLong mapped = idMap.find(IdMap.CATEGORY, source.categoryId());
            TreeCategory target = mapped.isPresent() ? targets.get(mapped.getAsLong()) : null;
            String label = "'" + source.name() + "'";
            if (target == null) {
                differences.add(new Comparison.Difference(source.categoryId(), label, "missing in Store B"));
                continue;
            }
            // a parent Store B does not have yet is one the sync would place first: the category moves
            long parent = source.parentId() == 0
                    ? 0
                    : idMap.find(IdMap.CATEGORY, source.parentId()).orElse(CategoryResolver.NOT_YET);
            Comparison.Difference.changed(
                            source.categoryId(),
                            label,
                            "category " + target.categoryId(),
                            CategorySteps.changes(
                                    source, target, parent, idMap.uploadedImage(IdMap.CATEGORY, source.categoryId())))
                    .ifPresent(differences::add);
        }
        return new Comparison(sources.size(), differences);
    }
}
