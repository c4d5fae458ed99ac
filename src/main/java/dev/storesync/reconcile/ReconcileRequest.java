package dev.storesync.reconcile;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a reconcile run covers. {@code since}: products modified from then on (else from the last complete run's start
 * minus the overlap, else all); {@code limit}: only the N most recently modified products; {@code force}: every
 * product, whatever its date; {@code dryRun}: a drift report, nothing queued or written; {@code backfill}: write what
 * differs straight to Store B in batches instead of queueing a task per product (a first import).
 */
public record ReconcileRequest(
        Optional<Instant> since,
        Set<Resource> resources,
        OptionalInt limit,
        boolean force,
        boolean dryRun,
        boolean backfill,
        String trigger) {

    /** In the order a run takes them: categories and brands before the products that use them. */
    public enum Resource {
        CATEGORIES,
        BRANDS,
        PRODUCTS;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Resource> of(String value) {
            for (Resource resource : values()) {
                if (resource.value().equals(value)) {
                    return Optional.of(resource);
                }
            }
            return Optional.empty();
        }
    }

    public ReconcileRequest {
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a reconcile run needs at least one resource");
        }
        if (dryRun && backfill) {
            throw new IllegalArgumentException("a dry run writes nothing, so it cannot backfill");
        }
        resources = Set.copyOf(resources);
    }

    /** The nightly run and the one after a webhook gap: everything changed since the bookmark (or {@code since}). */
    public static ReconcileRequest scheduled(String trigger, Optional<Instant> since) {
        return new ReconcileRequest(
                since, EnumSet.allOf(Resource.class), OptionalInt.empty(), false, false, false, trigger);
    }

    /** Whether a run of this request, once done, proves every product modified since its start is in Store B. */
    boolean coversAllProducts() {
        return resources.contains(Resource.PRODUCTS) && limit.isEmpty() && !dryRun;
    }
}
