package dev.storesync.health;

import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storesync.queue.TaskStatus;
import dev.storesync.testsupport.EndToEndTest;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.Webhooks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /observe/metrics (Prometheus) names the things an operator watches, and they move. */
class MetricsTest extends EndToEndTest {
    private static final List<String> NAMES = List.of(
            "storesync_webhooks_received_total{outcome=\"accepted\"}",
            "storesync_webhooks_received_total{outcome=\"duplicate\"}",
            "storesync_tasks{status=\"pending\"}",
            "storesync_tasks{status=\"done\"}",
            "storesync_tasks{status=\"dead\"}",
            "storesync_oldest_waiting_seconds",
            "storesync_sync_latency_seconds_count",
            "storesync_sync_latency_seconds_bucket{le=\"+Inf\"}",
            "storesync_dead_letters_total",
            "storesync_api_calls_total{method=\"GET\",status=\"200\",store=\"A\"}",
            "storesync_api_rate_limited_total{store=\"B\"}",
            "storesync_api_latency_seconds_count{method=\"GET\",store=\"A\"}");

    @Test
    void theNamesExistAndMoveWhenWebhooksArriveAndSyncsRun() {
        String before = scrape();
        assertThat(NAMES)
                .allSatisfy(name -> assertThat(value(before, name)).as(name).isNotNull());

        create(sync.a(), product("Metric Mug", "METRIC-1", 10));
        create(sync.a(), product("No SKU Mug", "", 10));
        String duplicate = Webhooks.product("updated", 424242, 1_700_000_000L);
        sync.service().postWebhook(duplicate);
        sync.service().postWebhook(duplicate);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sync.service().queue().countByStatus().getOrDefault(TaskStatus.DEAD, 0L) == 1);
        sync.awaitQuiet();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, "storesync_webhooks_received_total{outcome=\"accepted\"}"))
                    .isGreaterThanOrEqualTo(
                            value(before, "storesync_webhooks_received_total{outcome=\"accepted\"}") + 3);
            assertThat(value(after, "storesync_webhooks_received_total{outcome=\"duplicate\"}"))
                    .isEqualTo(value(before, "storesync_webhooks_received_total{outcome=\"duplicate\"}") + 1);
            assertThat(value(after, "storesync_sync_latency_seconds_count"))
                    .isGreaterThan(value(before, "storesync_sync_latency_seconds_count"));
            assertThat(value(after, "storesync_dead_letters_total"))
                    .isEqualTo(value(before, "storesync_dead_letters_total") + 1);
            assertThat(value(after, "storesync_tasks{status=\"dead\"}")).isEqualTo(1);
            assertThat(value(after, "storesync_api_calls_total{method=\"POST\",status=\"200\",store=\"B\"}"))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    private String scrape() {
        return sync.service().scrape();
    }

    private static Double value(String scrape, String series) {
        return RunningService.value(scrape, series);
    }
}
