package dev.storesync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A whole resource of Store A compared with Store B: how many items were looked at, and the ones that differ. */
public record Comparison(int scanned, List<Difference> differences) {
    public Comparison {
        differences = List.copyOf(differences);
    }

    /** One Store A item that Store B lacks or has otherwise; {@code problem} says how, in words. */
    public record Difference(long storeAId, String label, String problem) {

        /** The fields a sync would change in Store B's {@code counterpart}, if any. */
        static Optional<Difference> changed(long storeAId, String label, String counterpart, ObjectNode changes) {
            if (changes.isEmpty()) {
                return Optional.empty();
            }
            List<String> fields = new ArrayList<>();
            changes.fieldNames().forEachRemaining(fields::add);
            return Optional.of(new Difference(
                    storeAId, label, "differs from Store B " + counterpart + ": " + String.join(", ", fields)));
        }
    }
}
