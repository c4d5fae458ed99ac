package dev.storesync.queue;

import java.util.Locale;

/** The life cycle of a task: one document per resource, whose status cycles rather than piling up new documents. */
public enum TaskStatus {
    PENDING,
    IN_PROGRESS,
    RETRY,
    DONE,
    DEAD;

    /** The value stored in MongoDB. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
