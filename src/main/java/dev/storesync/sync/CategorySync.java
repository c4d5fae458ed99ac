package dev.storesync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.TreeCategory;
import java.util.Optional;

/** One category's way through the sync-category route; the message body from step to step. */
public final class CategorySync {
    private final long storeAId;
    private TreeCategory source;
    private long targetParent;
    private TreeCategory target;
    private ObjectNode changes;

    CategorySync(long storeAId) {
        this.storeAId = storeAId;
    }

    public long storeAId() {
        return storeAId;
    }

    public boolean isDeletedInStoreA() {
        return source == null;
    }

    public Optional<TreeCategory> source() {
        return Optional.ofNullable(source);
    }

    void source(TreeCategory source) {
        this.source = source;
    }

    long targetParent() {
        return targetParent;
    }

    void targetParent(long parent) {
        this.targetParent = parent;
    }

    public Optional<TreeCategory> target() {
        return Optional.ofNullable(target);
    }

    void target(TreeCategory target) {
        this.target = target;
    }

    /** The fields to change in Store B; empty when nothing differs; null before planning or when creating. */
    public ObjectNode changes() {
        return changes;
    }

    void changes(ObjectNode changes) {
        this.changes = changes;
    }

    @Override
    public String toString() {
        return "category " + storeAId;
    }
}
