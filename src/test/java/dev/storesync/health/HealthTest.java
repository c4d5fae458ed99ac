package dev.storesync.health;

import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.queue.TaskStatus;
import dev.storesync.testsupport.EndToEndTest;
import dev.storesync.testsupport.SyncHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /observe/health on the management port, with both stores, the hooks and the queue behind it. */
class HealthTest extends EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A dispatch each second: while a store refuses the credentials, a sync tries each second whether it works. */
    @Override
    protected SyncHarness.Builder configure(SyncHarness.Builder harness) {
        return harness.property("storesync.sync.period-secs", "1");
    }

    @Test
    void everythingReachableIsUp() throws Exception {
        HttpResponse<String> health = health("/observe/health");

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(checks(health))
                .containsEntry("mongodb", "UP")
                .containsEntry("store-a", "UP")
                .containsEntry("store-b", "UP")
                .containsEntry("hooks", "UP")
                .containsEntry("backlog", "UP");
    }

    @Test
    void aStoreThatFailsIsDownWithTheReasonAndComesBack() throws Exception {
        sync.storeB().outage(true);
        create(sync.a(), product("Outage Mug", "OUTAGE-1", 10));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> health("/observe/health").statusCode() == 503);
        HttpResponse<String> down = health("/observe/health");
        assertThat(checks(down)).containsEntry("store-b", "DOWN").containsEntry("store-a", "UP");
        assertThat(message(down, "store-b")).startsWith("Store B").contains("HTTP 503");
        assertThat(health("/observe/health/live").statusCode())
                .as("no reason to restart")
                .isEqualTo(200);
        assertThat(health("/observe/health/ready").statusCode())
                .as("webhooks are still taken")
                .isEqualTo(200);

        sync.storeB().outage(false);
        sync.awaitInSync();
        assertThat(health("/observe/health").statusCode())
                .as(health("/observe/health").body())
                .isEqualTo(200);
    }

    @Test
    void aRefusedTokenPausesTheSyncsWithoutDeadLettersUntilItIsAcceptedAgain() throws Exception {
        sync.storeB().acceptOnly("a-token-the-service-does-not-have");
        sync.storeB().requests().clear();
        for (int i = 1; i <= 5; i++) {
            create(sync.a(), product("Rotated Mug " + i, "ROTATED-" + i, 10));
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> health("/observe/health").statusCode() == 503);
        HttpResponse<String> down = health("/observe/health");
        assertThat(checks(down)).containsEntry("store-b", "DOWN");
        assertThat(message(down, "store-b"))
                .contains("Store B refused the service's credentials")
                .contains("(HTTP 401)");
        // with one try per second, twice as many as a permanent failure would be allowed before its dead letter
        await().atMost(Duration.ofSeconds(30)).until(() -> refusedByStoreB() >= 6);
        assertThat(sync.service().queue().countByStatus()).containsEntry(TaskStatus.DEAD, 0L);
        assertThat(refusedByStoreB())
                .as("one sync now and then, not every task over and over")
                .isLessThan(20);
        assertThat(health("/observe/health/ready").statusCode())
                .as("webhooks are still taken")
                .isEqualTo(200);

        sync.storeB().acceptOnly(null);
        sync.awaitInSync();
        assertThat(sync.service().queue().countByStatus()).containsEntry(TaskStatus.DEAD, 0L);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> health("/observe/health").statusCode() == 200);
    }

    private long refusedByStoreB() {
        return sync.storeB().requests().entries().stream()
                .filter(e -> e.status() == 401)
                .count();
    }

    private HttpResponse<String> health(String path) {
        return sync.service().get(sync.service().managementPort(), path);
    }

    private static Map<String, String> checks(HttpResponse<String> health) throws Exception {
        Map<String, String> states = new LinkedHashMap<>();
        for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
            states.put(check.path("name").asText(), check.path("status").asText());
        }
        return states;
    }

    private static String message(HttpResponse<String> health, String name) throws Exception {
        for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check.path("message").asText();
            }
        }
        return null;
    }
}
