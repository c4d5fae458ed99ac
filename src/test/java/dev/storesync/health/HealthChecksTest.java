package dev.storesync.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.config.Secret;
import dev.storesync.hooks.HookLifecycle;
import dev.storesync.persistence.StoredSettings;
import dev.storesync.queue.LeaseClock;
import dev.storesync.queue.ResourceKey;
import dev.storesync.queue.TaskQueue;
import dev.storesync.queue.TestQueues;
import dev.storesync.testsupport.CatalogBuilder;
import dev.storesync.testsupport.MutableClock;
import dev.storesync.testsupport.StoreFixture;
import dev.storesync.testsupport.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storesync health checks one by one, on a clock the test moves. */
class HealthChecksTest {
    @TempDir
    Path dataDir;

    // starts at the real time: the client stamps its calls with it
    private final MutableClock clock = new MutableClock(Instant.now());
    private TestDatabase db;

    @BeforeEach
    void open() {
        db = TestDatabase.open(dataDir);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aTaskWaitingTooLongMakesTheBacklogDown() {
        TaskQueue queue = TestQueues.queue(
                db, "test", LeaseClock.trusting(clock), TestQueues.policy(Duration.ofSeconds(60)), new Random(1));
        BacklogHealthCheck check = new BacklogHealthCheck(queue, clock, Duration.ofMinutes(15));
        assertThat(check.call().getState()).as("nothing waits").isEqualTo(HealthCheck.State.UP);

        queue.enqueue(new ResourceKey("storeb", "product", 7), "store/product/updated");
        clock.advance(Duration.ofMinutes(10));
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

        clock.advance(Duration.ofMinutes(10));
        HealthCheck.Result late = check.call();
        assertThat(late.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(late.getMessage()).hasValue("storeb:product:7 has waited 20 min (alert after 15 min)");
        assertThat(late.getDetails()).containsEntry("oldest_waiting_secs", 1200L);
    }

    @Test
    void hooksOnTheDenylistAreDown() {
        try (StoreFixture store = StoreFixture.start("HealthChecksTest", options -> options.withClock(clock))) {
            HookLifecycle hooks = new HookLifecycle(
                    store.api(),
                    Optional.of(URI.create("https://sync.example.com")),
                    Secret.of("health-secret-0123456789"),
                    OptionalLong.empty(),
                    new StoredSettings(db.database(), clock),
                    clock);
            HooksHealthCheck check = new HooksHealthCheck(hooks, true);
            assertThat(check.call().getMessage()).hasValue("the first hook check is under way");

            hooks.reconcile();
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

            store.catalog().hooks.block("https://sync.example.com/webhooks", Duration.ofHours(1), "timeouts");
            hooks.reconcile();
            HealthCheck.Result blocked = check.call();
            assertThat(blocked.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(blocked.getMessage().orElseThrow())
                    .startsWith("Store A has put this service's address on its" + " webhook denylist");
        }
    }

    @Test
    void aStoreThatDoesNotExistIsDownAndSaysWhatToCheck() {
        try (StoreFixture store = StoreFixture.start("HealthChecksTest")) {
            StoreHealthCheck check = new StoreHealthCheck(
                    "store-a",
                    new BigCommerceStore(store.clientAt(
                            URI.create(store.baseUrl() + "/wrong"),
                            new dev.storesync.config.Settings.Api(Duration.ofSeconds(5), 0.05),
                            StoreFixture.QUICK)),
                    clock,
                    Duration.ofSeconds(30));

            HealthCheck.Result result = check.call(Map.of());

            assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(result.getMessage()).hasValue("Store A answers 404 for its catalog: check its hash and API URL");
            assertThat(store.requests().total())
                    .as("no store behind that address")
                    .isZero();
        }
    }

    @Test
    void aChannelStoreADoesNotHaveIsDownAndSaysWhichItHas() {
        try (StoreFixture store = StoreFixture.start("HealthChecksTest")) {
            long marketplace = CatalogBuilder.channel(store.catalog(), "Store B");

            HealthCheck.Result known = new ChannelHealthCheck(
                            store.api(), OptionalLong.of(marketplace), clock, Duration.ofSeconds(30))
                    .call();
            HealthCheck.Result mistyped = new ChannelHealthCheck(
                            store.api(), OptionalLong.of(marketplace + 999), clock, Duration.ofSeconds(30))
                    .call();

            assertThat(known.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(known.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("'Store B'"));
            assertThat(mistyped.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(mistyped.getMessage())
                    .hasValueSatisfying(m -> assertThat(m).startsWith("Store A has no channel " + (marketplace + 999)));
        }
    }

    @Test
    void aHealthyStoreIsProbedAtMostOncePerInterval() {
        try (StoreFixture store = StoreFixture.start("HealthChecksTest")) {
            StoreHealthCheck check = new StoreHealthCheck("store-a", store.api(), clock, Duration.ofSeconds(30));

            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(store.requests().total()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(31));
            check.call();
            assertThat(store.requests().total()).isEqualTo(2);
        }
    }
}
