package dev.storesync.config;

/** What a deletion in Store A does in Store B. */
public enum DeletePolicy {
    /** Keep the product in Store B but make it unavailable. */
    DISABLE,
    /** Delete it from Store B as well. */
    DELETE,
    /** Leave Store B untouched. */
    IGNORE
}
