package dev.storesync.sync;

import dev.storesync.bigcommerce.ApiRequest;
import java.util.List;

/**
 * One write to Store B and what its answer creates, so that the id map can learn the new Store B id.
 *
 * @param purpose why, in words, for logs and the dry-run diff
 */
public record PlannedWrite(ApiRequest request, Creates creates, String purpose, List<PendingValue> pending) {

    public PlannedWrite {
        pending = List.copyOf(pending);
    }

    public PlannedWrite(ApiRequest request, Creates creates, String purpose) {
        this(request, creates, purpose, List.of());
    }

    /**
     * An option value a new variant needs that an earlier write of the same plan creates: entry {@code index} of the
     * body's {@code option_values} gets its Store B ids when that write has answered. {@code bOption} is the Store B
     * option when it exists already (the value is created in it), 0 when the option itself is created.
     */
    public record PendingValue(int index, long aOption, long aValue, String label, long bOption) {}

    /** What a write creates in Store B, by the Store A id it stands for. */
    public sealed interface Creates {
        record Nothing() implements Creates {}

        record Product() implements Creates {}

        record Option(long aOption) implements Creates {}

        record Value(long aOption, long aValue) implements Creates {}

        record Variant(long aVariant) implements Creates {}

        record Image(long aImage) implements Creates {}

        record Metafield(long aMetafield) implements Creates {}
    }

    static PlannedWrite of(ApiRequest request, String purpose) {
        return new PlannedWrite(request, new Creates.Nothing(), purpose);
    }

    static PlannedWrite creating(ApiRequest request, Creates creates, String purpose) {
        return new PlannedWrite(request, creates, purpose);
    }

    /** For logs: {@code PUT /catalog/products/12 (price, name)}. */
    public String describe() {
        return request.method() + " " + request.path() + " (" + purpose + ")";
    }
}
