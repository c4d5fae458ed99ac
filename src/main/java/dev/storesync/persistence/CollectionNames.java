package dev.storesync.persistence;

/** The collections of DESIGN §5. */
public final class CollectionNames {
    public static final String WEBHOOK_EVENTS = "webhook_events";
    public static final String SYNC_TASKS = "sync_tasks";
    public static final String ID_MAP = "id_map";
    public static final String SETTINGS = "settings";
    public static final String RECONCILE_RUNS = "reconcile_runs";

    private CollectionNames() {}
}
