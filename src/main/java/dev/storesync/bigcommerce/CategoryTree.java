package dev.storesync.bigcommerce;

import java.util.List;

/** A category tree and the channels it serves. */
public record CategoryTree(long id, String name, List<Long> channels) {
    public CategoryTree {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
