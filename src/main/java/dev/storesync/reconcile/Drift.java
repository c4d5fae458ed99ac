package dev.storesync.reconcile;

import java.util.List;

/**
 * How one Store A resource differs from Store B, as a reconcile run reports it: {@code resource} is product, category or
 * brand; {@code problem} says what is wrong in words; {@code writes} are what a sync would send.
 */
public record Drift(String resource, long storeAId, String label, String problem, List<String> writes) {
    public Drift {
        writes = List.copyOf(writes);
    }
}
