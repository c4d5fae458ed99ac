package dev.storesync.persistence;

/**
 * A barrier that returns once everything written so far survives a crash of this process. Writes to an external
 * MongoDB are already durable when acknowledged (majority write concern), so there it does nothing.
 */
@FunctionalInterface
public interface Durability {
    Durability ACKNOWLEDGED_WRITES = () -> {};

    void await();
}
