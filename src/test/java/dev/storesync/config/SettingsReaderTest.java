package dev.storesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {
    private final Map<String, String> values = new HashMap<>(Map.of(
            "storesync.store-a.hash", "abc123",
            "storesync.store-a.access-token", "tokenAAAA",
            "storesync.store-b.hash", "def456",
            "storesync.store-b.access-token", "tokenBBBB"));

    private Settings read() {
        return SettingsReader.read(key -> Optional.ofNullable(values.get(key)));
    }

    private String problem() {
        try {
            read();
        } catch (InvalidSettingsException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the settings to be refused");
    }

    @Test
    void defaultsMatchTheDesign() {
        Settings settings = read();

        assertThat(settings.http().port()).isEqualTo(8080);
        assertThat(settings.http().managementPort()).isEqualTo(9876);
        assertThat(settings.database().embedded()).isTrue();
        assertThat(settings.database().name()).isEqualTo("storesync");
        assertThat(settings.queue().pollPeriod()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.queue().concurrency()).isEqualTo(4);
        assertThat(settings.cleanup().period()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.deletePolicy()).isEqualTo(DeletePolicy.DISABLE);
        assertThat(settings.registerHooks()).as("no APP_URL").isFalse();
        assertThat(settings.storeA().v3BaseUrl()).isEqualTo("https://api.bigcommerce.com/stores/abc123/v3");
        assertThat(settings.destination()).isEqualTo("def456");
        assertThat(settings.webhookSecret()).isEmpty();
        assertThat(settings.admin()).isEmpty();
        assertThat(settings.api()).isEqualTo(new Settings.Api(Duration.ofSeconds(30), 0.05));
    }

    @Test
    void blankValuesCountAsUnset() {
        values.put("storesync.port", "  ");
        values.put("storesync.mongodb.uri", "");

        assertThat(read().http().port()).isEqualTo(8080);
        assertThat(read().database().embedded()).isTrue();
    }

    @Test
    void everyMissingCredentialIsNamedInOneLine() {
        values.clear();

        String message = problem();

        assertThat(message).doesNotContain("\n");
        assertThat(message)
                .contains("STORE_A_HASH is required")
                .contains("STORE_A_ACCESS_TOKEN is required")
                .contains("STORE_B_HASH is required")
                .contains("STORE_B_ACCESS_TOKEN is required");
    }

    @Test
    void refusesBadNumbersNamingTheVariable() {
        values.put("storesync.port", "eighty");
        values.put("storesync.sync.concurrency", "0");
        values.put("storesync.sync.period-secs", "-5");

        assertThat(problem())
                .contains("PORT must be a whole number from 1 to 65535 (got 'eighty')")
                .contains("SYNC_CONCURRENCY must be a whole number from 1 to 64")
                .contains("SYNC_PERIOD_IN_SECS must be");
    }

    @Test
    void theQuotaReserveIsAShareOfAtMostHalf() {
        values.put("storesync.api.quota-reserve-percent", "20");
        values.put("storesync.api.timeout-secs", "5");
        assertThat(read().api()).isEqualTo(new Settings.Api(Duration.ofSeconds(5), 0.20));

        values.put("storesync.api.quota-reserve-percent", "80");
        values.put("storesync.api.timeout-secs", "0");
        assertThat(problem())
                .contains("API_QUOTA_RESERVE_PERCENT must be a whole number from 0 to 50 (got '80')")
                .contains("API_TIMEOUT_IN_SECS must be a whole number from 1 to 600");
    }

    @Test
    void portsMustDiffer() {
        values.put("storesync.port", "9000");
        values.put("storesync.management-port", "9000");

        assertThat(problem()).contains("PORT and MANAGEMENT_PORT must differ");
    }

    @Test
    void refusesAnUnknownDeletePolicyAndAcceptsAnyCase() {
        values.put("storesync.delete-policy", "Delete");
        assertThat(read().deletePolicy()).isEqualTo(DeletePolicy.DELETE);

        values.put("storesync.delete-policy", "archive");
        assertThat(problem()).contains("DELETE_POLICY must be one of disable, delete, ignore (got 'archive')");
    }

    @Test
    void storeHashesGoIntoUrlsSoTheyAreRestricted() {
        values.put("storesync.store-a.hash", "abc/../x");

        assertThat(problem()).contains("STORE_A_HASH may contain only letters and digits");
    }

    @Test
    void sourceAndDestinationMustBeDifferentStores() {
        values.put("storesync.store-b.hash", "abc123");

        assertThat(problem()).contains("name the same store");
    }

    @Test
    void urlsMustBeAbsoluteHttp() {
        values.put("storesync.app-url", "ftp://example.com");
        values.put("storesync.store-b.api-url", "not a url");

        assertThat(problem())
                .contains("APP_URL must be an absolute http(s) URL")
                .contains("STORE_B_API_URL");
    }

    @Test
    void appUrlTurnsHookRegistrationOnByDefault() {
        values.put("storesync.app-url", "https://sync.example.com/");

        Settings settings = read();

        assertThat(settings.http().appUrl()).hasValue(URI.create("https://sync.example.com"));
        assertThat(settings.registerHooks()).isTrue();
    }

    @Test
    void hookRegistrationNeedsAnAppUrl() {
        values.put("storesync.register-hooks", "true");

        assertThat(problem()).contains("REGISTER_HOOKS=true needs APP_URL");
    }

    @Test
    void adminCredentialsComeTogether() {
        values.put("storesync.admin.user", "ops");

        assertThat(problem()).contains("ADMIN_USER and ADMIN_PASSWORD must be set together");
    }

    @Test
    void secretValuesAreNeverEchoed() {
        values.put("storesync.webhook-secret", "short secret");
        values.put("storesync.store-a.access-token", "has space");
        values.put("storesync.mongodb.uri", "postgres://user:hunter2@db");

        String message = problem();

        assertThat(message)
                .contains("WEBHOOK_SECRET must be at least 16")
                .contains("STORE_A_ACCESS_TOKEN must be visible ASCII")
                .contains("MONGODB_URI is not a valid MongoDB connection string");
        assertThat(message).doesNotContain("short secret", "has space", "hunter2");
    }

    @Test
    void anExternalDatabaseIsUsedWhenAUriIsGiven() {
        values.put("storesync.mongodb.uri", "mongodb://user:pw@db1:27017,db2:27017/?replicaSet=rs0");

        Settings settings = read();

        assertThat(settings.database().embedded()).isFalse();
        assertThat(settings.database().uri().orElseThrow().toString()).isEqualTo("****");
    }

    @Test
    void retryCapMustNotBeBelowTheBase() {
        values.put("storesync.sync.retry-base-ms", "5000");
        values.put("storesync.sync.retry-max-ms", "1000");

        assertThat(problem()).contains("SYNC_RETRY_MAX_MS must not be smaller than SYNC_RETRY_BASE_MS");
    }
}
