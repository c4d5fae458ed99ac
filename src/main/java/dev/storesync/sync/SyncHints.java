package dev.storesync.sync;

import java.util.Set;

/** What the events behind a task say about the sync it needs. */
final class SyncHints {
    /** Added by reconcile runs, which compare everything, metafields included. */
    static final String RECONCILE = "reconcile";

    private SyncHints() {}

    /** Metafields cost two extra reads, so they are synced only when a metafield changed or a reconcile asks. */
    static boolean wantsMetafields(Set<String> hints) {
        return hints.contains(RECONCILE) || hints.stream().anyMatch(h -> h.startsWith("store/product/metafield/"));
    }
}
