package dev.storesync.sync;

/** How a product's brand and categories are mapped to Store B's. */
public enum Resolution {
    /** Through the id map, else by name in Store B, else by creating them there: what a sync does. */
    CREATE_MISSING,
    /** The same look-ups without a write: what Store B lacks is only named (dry runs and comparisons). */
    PEEK
}
