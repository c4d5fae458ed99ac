package dev.storesync.config;

/**
 * Every setting storesync reads. The constant's name is the environment variable that overrides it; the property is
 * the key in {@code application.properties}. Keeping both here lets a test prove that the properties file, the README
 * table and the code agree.
 */
public enum Setting {
    APP_URL("storesync.app-url"),
    PORT("storesync.port"),
    MANAGEMENT_PORT("storesync.management-port"),
    MONGODB_URI("storesync.mongodb.uri", true),
    MONGODB_DATABASE("storesync.mongodb.database"),
    MONGODB_TIMEOUT_MS("storesync.mongodb.timeout-ms"),
    DATA_DIR("storesync.data-dir"),
    SYNC_PERIOD_IN_SECS("storesync.sync.period-secs"),
    SYNC_REDELIVERY_PERIOD_IN_SECS("storesync.sync.redelivery-period-secs"),
    SYNC_CONCURRENCY("storesync.sync.concurrency"),
    SYNC_LEASE_IN_SECS("storesync.sync.lease-secs"),
    SYNC_RETRY_BASE_MS("storesync.sync.retry-base-ms"),
    SYNC_RETRY_MAX_MS("storesync.sync.retry-max-ms"),
    SYNC_DEAD_LETTER_AFTER("storesync.sync.dead-letter-after"),
    SYNC_ATTEMPT_DEADLINE_IN_SECS("storesync.sync.attempt-deadline-secs"),
    CLEAN_PERIOD_IN_HOURS("storesync.clean.period-hours"),
    CLEAN_TASKS_AFTER_HOURS("storesync.clean.tasks-after-hours"),
    CLEAN_EVENTS_AFTER_HOURS("storesync.clean.events-after-hours"),
    STORE_A_HASH("storesync.store-a.hash"),
    STORE_A_ACCESS_TOKEN("storesync.store-a.access-token", true),
    STORE_A_CLIENT_ID("storesync.store-a.client-id"),
    STORE_A_API_URL("storesync.store-a.api-url"),
    STORE_B_HASH("storesync.store-b.hash"),
    STORE_B_ACCESS_TOKEN("storesync.store-b.access-token", true),
    STORE_B_CLIENT_ID("storesync.store-b.client-id"),
    STORE_B_API_URL("storesync.store-b.api-url"),
    STORE_B_CHANNEL_ON_STORE_A("storesync.store-b.channel-on-store-a"),
    API_TIMEOUT_IN_SECS("storesync.api.timeout-secs"),
    API_QUOTA_RESERVE_PERCENT("storesync.api.quota-reserve-percent"),
    WEBHOOK_SECRET("storesync.webhook-secret", true),
    REGISTER_HOOKS("storesync.register-hooks"),
    DELETE_POLICY("storesync.delete-policy"),
    BACKLOG_ALERT_AFTER_IN_SECS("storesync.health.backlog-alert-after-secs"),
    RECONCILE_CRON("storesync.reconcile.cron"),
    RECONCILE_OVERLAP_IN_MINS("storesync.reconcile.overlap-mins"),
    RECONCILE_PAGE_SIZE("storesync.reconcile.page-size"),
    RECONCILE_LEASE_IN_SECS("storesync.reconcile.lease-secs"),
    ADMIN_USER("storesync.admin.user"),
    ADMIN_PASSWORD("storesync.admin.password", true),
    SHUTDOWN_TIMEOUT_IN_SECS("storesync.shutdown-timeout-secs");

    private final String property;
    private final boolean secret;

    Setting(String property) {
        this(property, false);
    }

    Setting(String property, boolean secret) {
        this.property = property;
        this.secret = secret;
    }

    /** The key in application.properties. */
    public String property() {
        return property;
    }

    /** The environment variable that overrides it. */
    public String env() {
        return name();
    }

    /** True when the value must never be logged or echoed in an error. */
    public boolean secret() {
        return secret;
    }
}
