package dev.storesync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.PermanentApiException;
import dev.storesync.bigcommerce.TreeCategory;
import dev.storesync.queue.PermanentSyncException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the Store B category for a Store A category: through the id map, else by name under the Store B parent (names
 * are unique only among siblings, so the parent is resolved first), else by creating it there. Never matches by name
 * across the whole store.
 */
public final class CategoryResolver {
    private static final int MAX_DEPTH = 50;
    /** Stands for a Store B id that a dry run would create. */
    static final long NOT_YET = -1;

    private final BigCommerceStore storeA;
    private final BigCommerceStore storeB;
    private final IdMap idMap;
    private final StoreBTree tree;

    CategoryResolver(BigCommerceStore storeA, BigCommerceStore storeB, IdMap idMap, StoreBTree tree) {
        this.storeA = storeA;
        this.storeB = storeB;
        this.idMap = idMap;
        this.tree = tree;
    }

    /** The Store B ids of Store A's categories; categories Store A no longer has are left out. */
    List<Long> resolveAll(List<Long> aCategories) {
        List<Long> resolved = new ArrayList<>();
        for (long category : aCategories) {
            resolve(category, 0, null).ifPresent(resolved::add);
        }
        return resolved;
    }

    /**
     * Like {@link #resolveAll} without writing anything: categories Store B lacks are named in {@code wouldCreate} and
     * stand as {@link #NOT_YET} in the result.
     */
    List<Long> peekAll(List<Long> aCategories, List<String> wouldCreate) {
        List<Long> resolved = new ArrayList<>();
        for (long category : aCategories) {
            resolve(category, 0, wouldCreate).ifPresent(resolved::add);
        }
        return resolved;
    }

    /** The Store B id of a category's parent: 0 for a top-level category. */
    long resolveParent(TreeCategory category) {
        if (category.parentId() == 0) {
            return 0;
        }
        return resolve(category.parentId(), 1, null)
                .orElseThrow(() -> new PermanentSyncException("category " + category.categoryId() + " ('"
                        + category.name() + "') cannot be placed: its parent " + category.parentId()
                        + " is not in Store A"));
    }

    Optional<TreeCategory> readA(long aCategory) {
        return storeA.category(aCategory);
    }

    Optional<TreeCategory> readB(long bCategory) {
        return storeB.category(bCategory);
    }

    /** The Store B category named {@code name} under {@code bParent}, if there is one. */
    Optional<TreeCategory> findInB(long bParent, String name) {
        return storeB.categoriesNamed(tree.id(), bParent, name).stream()
                .filter(c -> c.parentId() == bParent && sameName(c.name(), name))
                .findFirst();
    }

    /**
     * Creates Store A's category under {@code bParent} in Store B. When a sibling of that name appeared meanwhile (another
     * worker placing the same category), that one is used instead.
     */
    long createInB(TreeCategory category, long bParent) {
        ObjectNode item = WritableFields.copy(category.fields(), WritableFields.CATEGORY);
        if (bParent == 0) {
            item.put("tree_id", tree.id());
        } else {
            item.put("parent_id", bParent);
        }
        try {
            long created = storeB.createCategory(item).categoryId();
            idMap.put(
                    IdMap.CATEGORY,
                    category.categoryId(),
                    created,
                    item.path("image_url").asText());
            return created;
        } catch (PermanentApiException refused) {
            return findInB(bParent, category.name())
                    .map(TreeCategory::categoryId)
                    .orElseThrow(() -> new PermanentSyncException(
                            "category " + category.categoryId() + " ('" + category.name()
                                    + "') cannot be placed in Store B: " + refused.getMessage(),
                            refused));
        }
    }

    /** @param wouldCreate null to resolve for real; else a dry run that lists what it would create */
    private Optional<Long> resolve(long aCategory, int depth, List<String> wouldCreate) {
        if (depth > MAX_DEPTH) {
            throw new PermanentSyncException("category " + aCategory + " is nested too deep (a loop in Store A?)");
        }
        OptionalLong mapped = idMap.find(IdMap.CATEGORY, aCategory);
        if (mapped.isPresent()) {
            return Optional.of(mapped.getAsLong());
        }
        Optional<TreeCategory> source = readA(aCategory);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        TreeCategory category = source.get();
        long bParent = 0;
        if (category.parentId() != 0) {
            Optional<Long> parent = resolve(category.parentId(), depth + 1, wouldCreate);
            if (parent.isEmpty()) {
                throw new PermanentSyncException("category " + aCategory + " ('" + category.name()
                        + "') cannot be placed: its parent " + category.parentId() + " is not in Store A");
            }
            bParent = parent.get();
        }
        if (wouldCreate != null) {
            Optional<Long> existing = bParent == NOT_YET
                    ? Optional.empty()
                    : findInB(bParent, category.name()).map(TreeCategory::categoryId);
            if (existing.isEmpty()) {
                wouldCreate.add("category '" + category.name() + "' (Store A " + aCategory + ")");
            }
            return Optional.of(existing.orElse(NOT_YET));
        }
        long target = place(category, bParent);
        idMap.put(IdMap.CATEGORY, aCategory, target);
        return Optional.of(target);
    }

    private long place(TreeCategory category, long bParent) {
        return findInB(bParent, category.name())
                .map(TreeCategory::categoryId)
                .orElseGet(() -> createInB(category, bParent));
    }

    private static boolean sameName(String a, String b) {
        return a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
    }
}
