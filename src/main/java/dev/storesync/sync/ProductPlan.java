package dev.storesync.sync;

import java.util.List;

/**
 * The writes that make one Store B product match Store A, in the order they must happen. Empty when nothing differs.
 *
 * @param targetId the Store B product, or 0 when the plan creates it
 * @param problems what no write can bring over, in words for a person (a sync that meets one fails after its writes)
 */
public record ProductPlan(long targetId, List<PlannedWrite> writes, List<String> problems) {
    public ProductPlan {
        writes = List.copyOf(writes);
        problems = List.copyOf(problems);
    }

    public boolean creates() {
        return targetId == 0;
    }

    /** Nothing to write and nothing that cannot be written: Store B matches. */
    public boolean isEmpty() {
        return writes.isEmpty() && problems.isEmpty();
    }
}
