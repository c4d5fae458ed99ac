package dev.storesync.config;

import com.mongodb.ConnectionString;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates every {@link Setting}. All problems are collected, so that one start-up attempt reports them
 * all in one line instead of one per restart. Values of secret settings are never echoed.
 */
public final class SettingsReader {
    private static final Pattern STORE_HASH = Pattern.compile("[A-Za-z0-9]{1,64}");
    private static final Pattern HEADER_SAFE = Pattern.compile("[\\x21-\\x7E]+");
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final String DEFAULT_API_URL = "https://api.bigcommerce.com";

    private final Function<String, Optional<String>> lookup;
    private final List<String> problems = new ArrayList<>();

    private SettingsReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    /**
     * @param lookup gives the raw value of a property key (as in application.properties), already resolved
     * @throws InvalidSettingsException naming every setting that is missing or invalid
     */
    public static Settings read(Function<String, Optional<String>> lookup) {
        return new SettingsReader(lookup).read();
    }

    private Settings read() {
        Optional<URI> appUrl = optionalUrl(Setting.APP_URL);
        int port = integer(Setting.PORT, 8080, 1, 65535);
        int managementPort = integer(Setting.MANAGEMENT_PORT, 9876, 1, 65535);
        if (port == managementPort) {
            problems.add("PORT and MANAGEMENT_PORT must differ (both are " + port + ")");
        }

        Settings.Database database = new Settings.Database(
                mongoUri(),
                text(Setting.MONGODB_DATABASE)
                        .map(name -> matching(Setting.MONGODB_DATABASE, name, DATABASE_NAME, "letters, digits, _ or -"))
                        .orElse("storesync"),
                Path.of(text(Setting.DATA_DIR).orElse("./data")),
                Duration.ofMillis(integer(Setting.MONGODB_TIMEOUT_MS, 3000, 100, 600_000)));

        StoreCredentials storeA = store(
                "A",
                Setting.STORE_A_HASH,
                Setting.STORE_A_ACCESS_TOKEN,
                Setting.STORE_A_CLIENT_ID,
                Setting.STORE_A_API_URL);
        StoreCredentials storeB = store(
                "B",
                Setting.STORE_B_HASH,
                Setting.STORE_B_ACCESS_TOKEN,
                Setting.STORE_B_CLIENT_ID,
                Setting.STORE_B_API_URL);
        if (storeA != null && storeB != null && storeA.v3BaseUrl().equalsIgnoreCase(storeB.v3BaseUrl())) {
            problems.add(
                    "STORE_A_HASH and STORE_B_HASH name the same store; storesync copies from one store to another");
        }

        OptionalLong channel = text(Setting.STORE_B_CHANNEL_ON_STORE_A)
                .map(value ->
                        OptionalLong.of(parseInt(Setting.STORE_B_CHANNEL_ON_STORE_A, value, 1, Integer.MAX_VALUE)))
                .orElse(OptionalLong.empty());

        Settings.Api api = new Settings.Api(
                Duration.ofSeconds(integer(Setting.API_TIMEOUT_IN_SECS, 30, 1, 600)),
                integer(Setting.API_QUOTA_RESERVE_PERCENT, 5, 0, 50) / 100.0);

        Optional<Secret> webhookSecret = text(Setting.WEBHOOK_SECRET).map(value -> {
            if (value.length() < 16 || !HEADER_SAFE.matcher(value).matches()) {
                problems.add("WEBHOOK_SECRET must be at least 16 visible ASCII characters without spaces");
            }
            return Secret.of(value);
        });

        boolean registerHooks = bool(Setting.REGISTER_HOOKS, appUrl.isPresent());
        if (registerHooks && appUrl.isEmpty()) {
            problems.add("REGISTER_HOOKS=true needs APP_URL, the public URL Store A sends webhooks to");
        }

        DeletePolicy deletePolicy = deletePolicy();

        Settings.Queue queue = new Settings.Queue(
                Duration.ofSeconds(integer(Setting.SYNC_PERIOD_IN_SECS, 15, 1, 86_400)),
                Duration.ofSeconds(integer(Setting.SYNC_REDELIVERY_PERIOD_IN_SECS, 5, 1, 3_600)),
                integer(Setting.SYNC_CONCURRENCY, 4, 1, 64),
                Duration.ofSeconds(integer(Setting.SYNC_LEASE_IN_SECS, 60, 2, 3_600)),
                Duration.ofMillis(integer(Setting.SYNC_RETRY_BASE_MS, 2_000, 1, 3_600_000)),
                Duration.ofMillis(integer(Setting.SYNC_RETRY_MAX_MS, 600_000, 1, 86_400_000)),
                integer(Setting.SYNC_DEAD_LETTER_AFTER, 3, 1, 100),
                Duration.ofSeconds(integer(Setting.BACKLOG_ALERT_AFTER_IN_SECS, 900, 10, 604_800)),
                Duration.ofSeconds(integer(Setting.SYNC_ATTEMPT_DEADLINE_IN_SECS, 600, 1, 86_400)));
        if (queue.retryMax().compareTo(queue.retryBase()) < 0) {
            problems.add("SYNC_RETRY_MAX_MS must not be smaller than SYNC_RETRY_BASE_MS");
        }

        Settings.Cleanup cleanup = new Settings.Cleanup(
                Duration.ofHours(integer(Setting.CLEAN_PERIOD_IN_HOURS, 2, 1, 8_760)),
                Duration.ofHours(integer(Setting.CLEAN_TASKS_AFTER_HOURS, 24, 1, 87_600)),
                Duration.ofHours(integer(Setting.CLEAN_EVENTS_AFTER_HOURS, 168, 1, 87_600)));

        String cron = text(Setting.RECONCILE_CRON).orElse("0 0 3 * * ?");
        if (!org.quartz.CronExpression.isValidExpression(cron)) {
            problems.add(Setting.RECONCILE_CRON.env() + " must be a Quartz cron expression such as '0 0 3 * * ?'");
        }
        Settings.Reconcile reconcile = new Settings.Reconcile(
                cron,
                Duration.ofMinutes(integer(Setting.RECONCILE_OVERLAP_IN_MINS, 15, 0, 10_080)),
                integer(Setting.RECONCILE_PAGE_SIZE, 50, 1, 250),
                Duration.ofSeconds(integer(Setting.RECONCILE_LEASE_IN_SECS, 120, 2, 3_600)));

        Optional<Settings.AdminCredentials> admin = admin();
        Duration shutdownTimeout = Duration.ofSeconds(integer(Setting.SHUTDOWN_TIMEOUT_IN_SECS, 30, 1, 3_600));

        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return new Settings(
                new Settings.Http(appUrl, port, managementPort),
                database,
                storeA,
                storeB,
                channel,
                api,
                webhookSecret,
                registerHooks,
                deletePolicy,
                queue,
                cleanup,
                reconcile,
                admin,
                shutdownTimeout);
    }

    private StoreCredentials store(String name, Setting hash, Setting token, Setting clientId, Setting apiUrl) {
        String which = "A".equals(name) ? "source" : "destination";
        Optional<String> hashValue = text(hash);
        Optional<String> tokenValue = text(token);
        if (hashValue.isEmpty()) {
            problems.add(hash.env() + " is required (the " + which + " store's API hash, as in /stores/{hash}/v3)");
        } else {
            matching(hash, hashValue.get(), STORE_HASH, "letters and digits");
        }
        if (tokenValue.isEmpty()) {
            problems.add(token.env() + " is required (the " + which + " store's API access token)");
        } else if (!HEADER_SAFE.matcher(tokenValue.get()).matches()) {
            problems.add(token.env() + " must be visible ASCII characters without spaces");
        }
        URI url = optionalUrl(apiUrl).orElse(URI.create(DEFAULT_API_URL));
        if (hashValue.isEmpty() || tokenValue.isEmpty()) {
            return null;
        }
        return new StoreCredentials(hashValue.get(), Secret.of(tokenValue.get()), text(clientId), url);
    }

    private Optional<Secret> mongoUri() {
        return text(Setting.MONGODB_URI).map(value -> {
            try {
                new ConnectionString(value);
            } catch (IllegalArgumentException e) {
                // the driver's message may quote the URI, password included
                problems.add("MONGODB_URI is not a valid MongoDB connection string (mongodb://host:port/...)");
            }
            return Secret.of(value);
        });
    }

    private DeletePolicy deletePolicy() {
        String value = text(Setting.DELETE_POLICY).orElse("disable");
        try {
            return DeletePolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("DELETE_POLICY must be one of disable, delete, ignore (got '" + value + "')");
            return DeletePolicy.DISABLE;
        }
    }

    private Optional<Settings.AdminCredentials> admin() {
        Optional<String> user = text(Setting.ADMIN_USER);
        Optional<String> password = text(Setting.ADMIN_PASSWORD);
        if (user.isPresent() != password.isPresent()) {
            problems.add("ADMIN_USER and ADMIN_PASSWORD must be set together");
            return Optional.empty();
        }
        if (user.isPresent() && user.get().contains(":")) {
            problems.add("ADMIN_USER must not contain ':'");
        }
        return user.map(u -> new Settings.AdminCredentials(u, Secret.of(password.get())));
    }

    private Optional<URI> optionalUrl(Setting setting) {
        return text(setting).flatMap(value -> {
            try {
                URI uri = new URI(value.replaceAll("/+$", ""));
                boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                if (web && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            problems.add(setting.env() + " must be an absolute http(s) URL without query (got '" + value + "')");
            return Optional.empty();
        });
    }

    private int integer(Setting setting, int defaultValue, int min, int max) {
        return text(setting).map(value -> parseInt(setting, value, min, max)).orElse(defaultValue);
    }

    private int parseInt(Setting setting, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(setting.env() + " must be a whole number from " + min + " to " + max + " (got '" + value + "')");
        return min;
    }

    private boolean bool(Setting setting, boolean defaultValue) {
        return text(setting)
                .map(value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1" -> true;
                    case "false", "no", "0" -> false;
                    default -> {
                        problems.add(setting.env() + " must be true or false (got '" + value + "')");
                        yield defaultValue;
                    }
                })
                .orElse(defaultValue);
    }

    private String matching(Setting setting, String value, Pattern pattern, String allowed) {
        if (!pattern.matcher(value).matches()) {
            problems.add(setting.env() + " may contain only " + allowed + " (got '" + value + "')");
        }
        return value;
    }

    /** The trimmed value, or empty when unset or blank (an unset env var in a placeholder resolves to ""). */
    private Optional<String> text(Setting setting) {
        return lookup.apply(setting.property()).map(String::trim).filter(value -> !value.isEmpty());
    }
}
