package dev.storesync.sync;

import java.util.List;

/**
 * What a sync of one product would do now, written nowhere: the writes to Store B in order, and the brands and
 * categories it would create on the way.
 *
 * @param storeBId the Store B product, or null when the sync would create it
 * @param cannot what the sync could not bring over, in words (it would fail after its writes)
 */
public record ProductDiff(
        long storeAId,
        boolean deletedInStoreA,
        Long storeBId,
        List<String> wouldCreate,
        List<Write> writes,
        List<String> cannot) {

    public ProductDiff {
        wouldCreate = List.copyOf(wouldCreate);
        writes = List.copyOf(writes);
        cannot = List.copyOf(cannot);
    }

    /** One write, as it would be sent. */
    public record Write(String method, String path, String purpose, Object body) {
        static Write of(PlannedWrite planned) {
            String query = planned.request().query().isEmpty()
                    ? ""
                    : "?" + planned.request().query().encoded();
            return new Write(
                    planned.request().method().name(),
                    planned.request().path() + query,
                    planned.purpose(),
                    planned.request().body());
        }
    }
}
