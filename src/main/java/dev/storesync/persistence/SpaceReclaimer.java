package dev.storesync.persistence;

import dev.storesync.persistence.embedded.FileSpace;

/**
 * The cleanup route's handle on {@link Database#reclaimSpace()}. Not the {@link Database} itself: Camel stops a
 * route's beans that are services when it stops the route, and the database must outlive every route.
 */
public final class SpaceReclaimer {
    private final Database database;

    public SpaceReclaimer(Database database) {
        this.database = database;
    }

    /** @return what the embedded database's file holds after its compaction, for the log */
    public String reclaim() {
        return database.reclaimSpace()
                .map(FileSpace::describe)
                .orElse("the database is an external MongoDB, which manages its own storage");
    }
}
