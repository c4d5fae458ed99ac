package dev.storesync.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** The validated configuration of one storesync instance. Built by {@link SettingsReader}. */
public record Settings(
        Http http,
        Database database,
        StoreCredentials storeA,
        StoreCredentials storeB,
        OptionalLong storeBChannelOnStoreA,
        Api api,
        Optional<Secret> webhookSecret,
        boolean registerHooks,
        DeletePolicy deletePolicy,
        Queue queue,
        Cleanup cleanup,
        Reconcile reconcile,
        Optional<AdminCredentials> admin,
        Duration shutdownTimeout) {

    /**
     * The header Store A's hooks carry the webhook secret in: what the hooks are registered with and what the webhook
     * door checks, so it is named once.
     */
    public static final String WEBHOOK_SECRET_HEADER = "X-Webhook-Secret";

    /** Where the service listens and how Store A reaches it. */
    public record Http(Optional<URI> appUrl, int port, int managementPort) {}

    /** Which MongoDB to use: an external one when {@code uri} is present, else the embedded one under dataDir. */
    public record Database(Optional<Secret> uri, String name, Path dataDir, Duration timeout) {
        public boolean embedded() {
            return uri.isEmpty();
        }
    }

    /**
     * How storesync calls the stores: the answer timeout, and the share of each store's request quota left to the
     * store's other apps.
     */
    public record Api(Duration timeout, double quotaReserve) {}

    /** How the task queue dispatches, leases and retries. */
    public record Queue(
            Duration pollPeriod,
            Duration redeliveryPeriod,
            int concurrency,
            Duration lease,
            Duration retryBase,
            Duration retryMax,
            int deadLetterAfter,
            Duration backlogAlertAfter,
            Duration attemptDeadline) {}

    /** What the cleanup schedule removes, and how often it runs. */
    public record Cleanup(Duration period, Duration keepFinishedTasks, Duration keepEvents) {}

    /**
     * Reconcile runs: the nightly schedule (a Quartz cron), how far before the last run's start the next one looks
     * again, how many products a page holds, and how long a run's claim lasts without progress before another start
     * (or instance) resumes it.
     */
    public record Reconcile(String cron, Duration overlap, int pageSize, Duration lease) {}

    public record AdminCredentials(String user, Secret password) {}

    /**
     * The key that tasks and id mappings are stored under for the destination store. One destination today; keying by
     * it now makes fanning one Store A out to several destinations a configuration change rather than a migration.
     */
    public String destination() {
        return storeB.hash();
    }
}
