package dev.storesync.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A variant option of a product (Size, Colour) with its values. */
public record ProductOption(long id, String displayName, String type, int sortOrder, List<Value> optionValues) {

    public ProductOption {
        displayName = displayName == null ? "" : displayName;
        type = type == null ? "" : type;
        optionValues = optionValues == null ? List.of() : List.copyOf(optionValues);
    }

    /** One value of an option; {@code valueData} carries a swatch's colours or image. */
    public record Value(long id, String label, int sortOrder, boolean isDefault, JsonNode valueData) {
        public Value {
            label = label == null ? "" : label;
        }
    }
}
