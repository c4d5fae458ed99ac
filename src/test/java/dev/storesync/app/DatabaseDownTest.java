package dev.storesync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.testsupport.ExternalMongo;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** G1: with the database down, intake answers 503 and acknowledges nothing; it recovers without a restart. */
class DatabaseDownTest {
    @TempDir
    Path dir;

    @Test
    void answers503WhileTheDatabaseIsDownAndRecovers() {
        try (ExternalMongo mongo = ExternalMongo.start(dir);
                RunningService service =
                        RunningService.builder().mongoUri(mongo.uri()).start()) {
            assertThat(service.postWebhook(Webhooks.product("updated", 1, 1_700_000_000L))
                            .statusCode())
                    .isEqualTo(200);

            mongo.stop();
            HttpResponse<String> down = service.postWebhook(Webhooks.product("updated", 2, 1_700_000_000L));

            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(down.headers().firstValue("retry-after")).isPresent();
            assertThat(down.body()).contains("\"error\":\"database_unavailable\"");
            HttpResponse<String> ready = service.get(service.managementPort(), "/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body())
                    .contains("\"name\":\"mongodb\",\"status\":\"DOWN\"")
                    .contains("MongoDB does not answer");
            assertThat(service.get(service.managementPort(), "/observe/health/live")
                            .statusCode())
                    .as("a restart would not bring the database back")
                    .isEqualTo(200);

            mongo.restart();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> service.postWebhook(Webhooks.product("updated", 3, 1_700_000_000L))
                                    .statusCode()
                            == 200);
            assertThat(service.get(service.managementPort(), "/observe/health/ready")
                            .statusCode())
                    .isEqualTo(200);
            var events = service.db().getCollection(CollectionNames.WEBHOOK_EVENTS);
            assertThat(events.countDocuments(Filters.eq("resourceId", 1L))).isEqualTo(1);
            assertThat(events.countDocuments(Filters.eq("resourceId", 2L)))
                    .as("never acknowledged")
                    .isZero();
            assertThat(events.countDocuments(Filters.eq("resourceId", 3L))).isEqualTo(1);
        }
    }
}
