package dev.storesync.sync;

import java.util.List;

/**
 * The writes that make one Store B product match Store A, in the order they must happen. Empty when nothing differs.
 *
 * @param targetId the Store B product, or 0 when the plan creates it
 */
public record ProductPlan(long targetId, List<PlannedWrite> writes) {
    public ProductPlan {
        writes = List.copyOf(writes);
    }

    public boolean creates() {
        return targetId == 0;
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }
}
