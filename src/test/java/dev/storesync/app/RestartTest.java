package dev.storesync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.queue.TaskStatus;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.ScriptedHandler;
import dev.storesync.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database keeps events, tasks and the generated secret across a restart on the same DATA_DIR. */
class RestartTest {
    @TempDir
    Path dataDir;

    @Test
    void eventsTasksAndTheGeneratedSecretSurviveARestart() {
        String secret;
        try (RunningService first = RunningService.builder()
                .dataDir(dataDir)
                .property("storesync.webhook-secret", "") // generate one
                .start()) {
            secret = first.db()
                    .getCollection(CollectionNames.SETTINGS)
                    .find(Filters.eq("_id", "webhook-secret"))
                    .first()
                    .getString("value");
            assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
            assertThat(post(first, secret, 31).statusCode()).isEqualTo(200);
            assertThat(first.queue().find("storeb:product:31").orElseThrow().status())
                    .as("no handler installed yet")
                    .isEqualTo(TaskStatus.PENDING);
        }

        ScriptedHandler products = new ScriptedHandler("product");
        try (RunningService second = RunningService.builder()
                .dataDir(dataDir)
                .property("storesync.webhook-secret", "")
                .bean("productHandler", products)
                .start()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> products.callsFor(31).size() == 1);
            assertThat(second.db().getCollection(CollectionNames.WEBHOOK_EVENTS).countDocuments(new Document()))
                    .isEqualTo(1);
            assertThat(post(second, secret, 32).statusCode())
                    .as("the same secret still works")
                    .isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(RunningService service, String secret, long productId) {
        return service.post(
                "/webhooks",
                Webhooks.product("updated", productId, 1_700_000_000L),
                Map.of("X-Webhook-Secret", secret, "Content-Type", "application/json"));
    }
}
