package dev.storesync.queue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A task this instance holds a lease on. {@code seq} is the task's event counter at the moment of the claim: if it has
 * moved on when the work finishes, events arrived meanwhile and the resource must sync again (G3). {@code leaseToken}
 * fences every later write, so an instance whose lease was taken over cannot overwrite the new owner's state.
 *
 * @param hints the scopes of the events that made this task due (for example {@code store/product/deleted})
 * @param pendingSince when the oldest event the sync covers arrived
 * @param attempt the number of this attempt, 1 for the first
 * @param permanentFailures how many attempts before this one failed permanently since the task last succeeded
 */
public record ClaimedTask(
        String taskId,
        ResourceKey key,
        long seq,
        int attempt,
        int permanentFailures,
        Set<String> hints,
        long eventCount,
        String leaseToken,
        Instant claimedAt,
        Optional<Instant> pendingSince) {

    public String resourceType() {
        return key.resourceType();
    }

    public long resourceId() {
        return key.resourceId();
    }
}
