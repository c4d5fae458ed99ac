package dev.storesync.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.config.Secret;
import dev.storesync.persistence.StoredSettings;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.MutableClock;
import dev.storesync.testsupport.StoreFixture;
import dev.storesync.testsupport.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store A's hooks kept as the sync needs them, against the simulated store. */
class HookLifecycleTest {
    private static final URI APP_URL = URI.create("https://sync.example.com/shop-a");
    private static final String OURS = APP_URL + "/webhooks";
    private static final Secret SECRET = Secret.of("first-secret-0123456789");
    private static final Set<String> SCOPES = Set.of(
            "store/product/created",
            "store/product/updated",
            "store/product/deleted",
            "store/product/metafield/created",
            "store/product/metafield/updated",
            "store/product/metafield/deleted",
            "store/sku/created",
            "store/sku/updated",
            "store/sku/deleted",
            "store/category/created",
            "store/category/updated",
            "store/category/deleted");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T08:00:00Z"));
    private StoreFixture store;
    private TestDatabase database;
    private StoredSettings stored;

    @BeforeEach
    void start() {
        store = StoreFixture.start(getClass().getSimpleName(), options -> options.withClock(clock));
        database = TestDatabase.open(dataDir);
        stored = new StoredSettings(database.database(), clock);
    }

    @AfterEach
    void stop() {
        store.close();
        database.close();
    }

    @Test
    void aFreshStoreGetsOneActiveHookPerScopeCarryingTheSecret() {
        HookLifecycle.Outcome outcome = lifecycle(SECRET, OptionalLong.empty()).reconcile();

        assertThat(outcome.created()).isEqualTo(12);
        assertThat(outcome.writes()).isEqualTo(12);
        List<JsonNode> hooks = hooks();
        assertThat(hooks).extracting(h -> h.path("scope").asText()).containsExactlyInAnyOrderElementsOf(SCOPES);
        assertThat(hooks).allSatisfy(hook -> {
            assertThat(hook.path("destination").asText()).isEqualTo(OURS);
            assertThat(hook.path("is_active").asBoolean()).isTrue();
            assertThat(hook.path("headers").path("X-Webhook-Secret").asText()).isEqualTo(SECRET.reveal());
        });
    }

    @Test
    void channelAssignmentsAreCoveredWhenStoreBsChannelIsKnown() {
        lifecycle(SECRET, OptionalLong.of(7)).reconcile();

        assertThat(hooks())
                .extracting(h -> h.path("scope").asText())
                .hasSize(14)
                .contains("store/channel/7/product/assigned", "store/channel/7/product/unassigned");
    }

    @Test
    void theSecondRunChangesNothing() {
        HookLifecycle lifecycle = lifecycle(SECRET, OptionalLong.empty());
        lifecycle.reconcile();
        List<JsonNode> before = hooks();
        store.requests().clear();

        HookLifecycle.Outcome second = lifecycle.reconcile();

        assertThat(second.writes()).isZero();
        assertThat(store.requests().writes()).isZero();
        assertThat(hooks()).isEqualTo(before);
        assertThat(lifecycle.lastOutcome()).hasValue(second);
    }

    @Test
    void aDeactivatedHookIsReactivatedAndTheGapRecorded() {
        lifecycle(SECRET, OptionalLong.empty()).reconcile();
        long productHook = hookId("store/product/updated");
        Instant deactivatedAt = clock.instant().plus(Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        store.catalog().hooks.deactivate(productHook);
        clock.advance(Duration.ofHours(50));

        HookLifecycle.Outcome outcome = lifecycle(SECRET, OptionalLong.empty()).reconcile();

        assertThat(outcome.reactivated()).isEqualTo(1);
        assertThat(outcome.writes()).isEqualTo(1);
        assertThat(store.catalog().hooks.get(productHook).path("is_active").asBoolean())
                .isTrue();
        assertThat(stored.get(HookLifecycle.GAP_SINCE)).hasValue(deactivatedAt.toString());
        assertThat(stored.get(HookLifecycle.GAP_FOUND_AT))
                .hasValue(clock.instant().toString());
    }

    @Test
    void theGapKeepsItsEarliestStart() {
        lifecycle(SECRET, OptionalLong.empty()).reconcile();
        Instant first = clock.instant();
        store.catalog().hooks.deactivate(hookId("store/sku/updated"));
        clock.advance(Duration.ofHours(2));
        lifecycle(SECRET, OptionalLong.empty()).reconcile();
        clock.advance(Duration.ofHours(2));
        store.catalog().hooks.deactivate(hookId("store/category/updated"));
        clock.advance(Duration.ofHours(2));

        lifecycle(SECRET, OptionalLong.empty()).reconcile();

        assertThat(stored.get(HookLifecycle.GAP_SINCE)).hasValue(first.toString());
    }

    @Test
    void hooksOfOtherDestinationsAreNeverTouched() {
        List<ObjectNode> others = List.of(
                hook("store/product/updated", "https://erp.example.com/hooks", true, "token-of-the-erp"),
                hook("store/product/created", "https://erp.example.com/hooks", false, "token-of-the-erp"),
                hook("store/cart/created", "https://sync.example.com/shop-b/webhooks", true, "another-secret"),
                hook("store/product/deleted", OURS + "-staging", false, "x"),
                hook("store/product/*", "https://sync.example.com/shop-a/webhookslegacy", true, "y"));
        others.forEach(store.catalog().hooks::create);
        List<JsonNode> before = hooks().stream()
                .filter(h -> !h.path("destination").asText().equals(OURS))
                .toList();

        lifecycle(SECRET, OptionalLong.empty()).reconcile();
        lifecycle(Secret.of("second-secret-0123456789"), OptionalLong.empty()).reconcile();

        List<JsonNode> after = hooks().stream()
                .filter(h -> !h.path("destination").asText().equals(OURS))
                .toList();
        assertThat(before).hasSize(5);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void onlyThisServicesStaleHooksAreDeleted() {
        store.catalog().hooks.create(hook("store/cart/created", OURS, true, SECRET.reveal()));
        // the original service registered one path per scope under the same base
        store.catalog().hooks.create(hook("store/product/updated", OURS + "/product/updated", true, "old"));
        HookLifecycle.Outcome first = lifecycle(SECRET, OptionalLong.of(7)).reconcile();

        // STORE_B_CHANNEL_ON_STORE_A unset since: the channel hooks are no longer needed
        HookLifecycle.Outcome second = lifecycle(SECRET, OptionalLong.empty()).reconcile();

        assertThat(first.deleted())
                .as("the unneeded scope and the old per-scope path")
                .isEqualTo(2);
        assertThat(second.deleted()).as("the two channel hooks").isEqualTo(2);
        assertThat(hooks()).extracting(h -> h.path("scope").asText()).containsExactlyInAnyOrderElementsOf(SCOPES);
        assertThat(hooks())
                .allSatisfy(h -> assertThat(h.path("destination").asText()).isEqualTo(OURS));
    }

    @Test
    void aChangedSecretUpdatesTheHeaderOfTheSameHooks() {
        lifecycle(SECRET, OptionalLong.empty()).reconcile();
        List<Long> ids = hooks().stream().map(h -> h.path("id").asLong()).toList();
        Secret rotated = Secret.of("second-secret-0123456789");

        HookLifecycle.Outcome outcome = lifecycle(rotated, OptionalLong.empty()).reconcile();

        assertThat(outcome.updated()).isEqualTo(12);
        assertThat(outcome.created() + outcome.deleted()).isZero();
        assertThat(hooks()).extracting(h -> h.path("id").asLong()).containsExactlyElementsOf(ids);
        assertThat(hooks()).allSatisfy(h -> assertThat(h.path("headers"))
                .isEqualTo(JsonNodeFactory.instance.objectNode().put("X-Webhook-Secret", rotated.reveal())));
    }

    @Test
    void blockedDestinationsAreReported() {
        store.catalog().hooks.block(OURS, Duration.ofMinutes(30), "connection timed out");
        store.catalog().hooks.block("https://erp.example.com/hooks", Duration.ofMinutes(5), "HTTP 500");

        HookLifecycle.Outcome outcome = lifecycle(SECRET, OptionalLong.empty()).reconcile();

        assertThat(outcome.blockedDestinations())
                .containsExactly("https://sync.example.com", "https://erp.example.com");
    }

    private HookLifecycle lifecycle(Secret secret, OptionalLong channel) {
        return new HookLifecycle(store.api(), Optional.of(APP_URL), secret, channel, stored, clock);
    }

    private List<JsonNode> hooks() {
        return List.copyOf(store.catalog()
                .hooks
                .list(new ListQuery(Map.of("limit", "250")))
                .items());
    }

    private long hookId(String scope) {
        return store.catalog().hooks.find(scope, OURS).orElseThrow().path("id").asLong();
    }

    private static ObjectNode hook(String scope, String destination, boolean active, String secret) {
        ObjectNode hook = JsonNodeFactory.instance
                .objectNode()
                .put("scope", scope)
                .put("destination", destination)
                .put("is_active", active);
        hook.putObject("headers").put("X-Webhook-Secret", secret);
        return hook;
    }
}
