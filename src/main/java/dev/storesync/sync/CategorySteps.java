package dev.storesync.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.TreeCategory;
import dev.storesync.config.DeletePolicy;
import dev.storesync.queue.ClaimedTask;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the sync-category route: enrich from Store A, resolve the parent in Store B (parent first), match
 * (id map, else name under that parent), plan the changed fields (a new parent is a move), write.
 */
public final class CategorySteps {
    private static final Logger LOG = LoggerFactory.getLogger(CategorySteps.class);

    private final BigCommerceStore storeB;
    private final IdMap idMap;
    private final CategoryResolver categories;
    private final DeletePolicy deletePolicy;
    private final StoreAGuard guard;

    CategorySteps(
            BigCommerceStore storeB,
            IdMap idMap,
            CategoryResolver categories,
            DeletePolicy deletePolicy,
            StoreAGuard guard) {
        this.guard = guard;
        this.storeB = storeB;
        this.idMap = idMap;
        this.categories = categories;
        this.deletePolicy = deletePolicy;
    }

    public CategorySync enrich(@Body ClaimedTask task) {
        CategorySync sync = new CategorySync(task.resourceId());
        categories
                .readA(task.resourceId())
                .ifPresentOrElse(sync::source, () -> guard.confirmStoreAnswers("category " + task.resourceId()));
        return sync;
    }

    public void resolve(@Body CategorySync sync) {
        sync.targetParent(categories.resolveParent(sync.source().orElseThrow()));
    }

    public void match(@Body CategorySync sync) {
        TreeCategory source = sync.source().orElseThrow();
        OptionalLong mapped = idMap.find(IdMap.CATEGORY, source.categoryId());
        Optional<TreeCategory> target = mapped.isPresent() ? categories.readB(mapped.getAsLong()) : Optional.empty();
        target.or(() -> categories.findInB(sync.targetParent(), source.name())).ifPresent(sync::target);
    }

    public void plan(@Body CategorySync sync) {
        sync.target().ifPresent(target -> {
            TreeCategory source = sync.source().orElseThrow();
            sync.changes(changes(
                    source, target, sync.targetParent(), idMap.uploadedImage(IdMap.CATEGORY, source.categoryId())));
        });
    }

    /**
     * The fields Store B's category lacks of Store A's; a parent other than {@code targetParent} is a move.
     *
     * @param uploaded Store A's image address Store B's copy was made from, when known
     */
    static ObjectNode changes(TreeCategory source, TreeCategory target, long targetParent, Optional<String> uploaded) {
        ObjectNode changes = WritableFields.changesWithRehostedImage(
                WritableFields.copy(source.fields(), WritableFields.CATEGORY), target.fields(), uploaded);
        if (target.parentId() != targetParent) {
            changes.put("parent_id", targetParent);
        }
        return changes;
    }

    public void write(@Body CategorySync sync) {
        TreeCategory source = sync.source().orElseThrow();
        if (sync.target().isEmpty()) {
            long created = categories.createInB(source, sync.targetParent());
            idMap.put(IdMap.CATEGORY, source.categoryId(), created);
            LOG.info("category {} ('{}') created in Store B as {}", source.categoryId(), source.name(), created);
            return;
        }
        TreeCategory target = sync.target().get();
        if (!sync.changes().isEmpty()) {
            update(target.categoryId(), sync.changes());
            WritableFields.sentImage(sync.changes())
                    .ifPresent(image -> idMap.put(IdMap.CATEGORY, source.categoryId(), target.categoryId(), image));
            LOG.info(
                    "category {} ('{}') synced to Store B category {}",
                    source.categoryId(),
                    source.name(),
                    target.categoryId());
        }
        if (idMap.find(IdMap.CATEGORY, source.categoryId()).orElse(0) != target.categoryId()) {
            idMap.put(IdMap.CATEGORY, source.categoryId(), target.categoryId());
        }
    }

    public void applyDeletePolicy(@Body CategorySync sync) {
        OptionalLong mapped = idMap.find(IdMap.CATEGORY, sync.storeAId());
        if (mapped.isEmpty()) {
            LOG.info("category {} is gone from Store A; Store B has no category for it", sync.storeAId());
            return;
        }
        long target = mapped.getAsLong();
        switch (deletePolicy) {
            case IGNORE -> LOG.info(
                    "category {} is gone from Store A; Store B category {} is kept", sync.storeAId(), target);
            case DELETE -> {
                storeB.deleteCategory(target);
                idMap.forget(IdMap.CATEGORY, sync.storeAId());
                LOG.info("category {} is gone from Store A; Store B category {} deleted", sync.storeAId(), target);
            }
            case DISABLE -> categories
                    .readB(target)
                    .filter(category -> category.fields().path("is_visible").asBoolean(true))
                    .ifPresent(category -> {
                        update(target, JsonNodeFactory.instance.objectNode().put("is_visible", false));
                        LOG.info(
                                "category {} is gone from Store A; Store B category {} hidden",
                                sync.storeAId(),
                                target);
                    });
        }
    }

    private void update(long target, ObjectNode changes) {
        storeB.updateCategory(changes.deepCopy().put("category_id", target));
    }
}
