package dev.storesync.health;

import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.testsupport.EndToEndTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /observe/health on the management port, with both stores, the hooks and the queue behind it. */
class HealthTest extends EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

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
