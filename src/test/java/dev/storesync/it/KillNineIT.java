package dev.storesync.it;

import static dev.storesync.testsupport.ServiceProcess.assertStoppedGracefully;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import dev.storesync.testsupport.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar receives a burst of webhooks and is killed with SIGKILL midway, while groups of them are being written
 * and committed together; restarted on the same DATA_DIR, every webhook that got a 200 is there and its resource
 * reaches the handler exactly once.
 *
 * <p>The first process runs the jar as shipped, which has no product handler yet, so every acknowledged event is still
 * waiting when the process dies; the second adds a recording handler (test fixture) and drains the queue. Each
 * resource's events coalesce into its one task, so "exactly once per coalesced resource" is exact here.
 */
class KillNineIT {
    private static final int PRODUCTS = 150;
    private static final int EVENTS_PER_PRODUCT = 4;
    private static final int KILL_AFTER_ACKS = 250;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void everyAcknowledgedWebhookSurvivesKillNine() throws Exception {
        Path dataDir = Files.createDirectories(workDir.resolve("data"));
        Map<String, String> env = ServiceProcess.baseEnvironment(dataDir);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Set<Long> ackedProducts = ConcurrentHashMap.newKeySet();

        try (ServiceProcess first = ServiceProcess.start(workDir, env, List.of(), List.of(), List.of())
                .awaitHealthy()) {
            CountDownLatch enoughAcks = new CountDownLatch(KILL_AFTER_ACKS);
            ExecutorService senders = Executors.newFixedThreadPool(16);
            for (int round = 0; round < EVENTS_PER_PRODUCT; round++) {
                for (long product = 1; product <= PRODUCTS; product++) {
                    String body = Webhooks.product("updated", product, 1_700_000_000L + round);
                    long id = product;
                    senders.execute(() -> {
                        try {
                            if (first.postWebhook(body).statusCode() == 200) {
                                acked.add(eventId(body));
                                ackedProducts.add(id);
                                enoughAcks.countDown();
                            }
                        } catch (Exception e) {
                            // the process is gone: not acknowledged, so BigCommerce would deliver it again
                        }
                    });
                }
            }
            assertThat(enoughAcks.await(120, TimeUnit.SECONDS)).isTrue();
            double groups = FaultRig.metric(first, "storesync_intake_group_size_count");
            assertThat(FaultRig.metric(first, "storesync_intake_group_size_sum"))
                    .as("the webhooks in flight are stored in groups of several when the process dies")
                    .isGreaterThan(groups);
            first.kill9();
            senders.shutdown();
            assertThat(senders.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
        }
        System.out.printf(
                "KillNineIT: %d of %d webhooks acknowledged before SIGKILL%n",
                acked.size(), PRODUCTS * EVENTS_PER_PRODUCT);
        assertThat(acked.size())
                .as("killed midway through the burst")
                .isBetween(KILL_AFTER_ACKS, PRODUCTS * EVENTS_PER_PRODUCT - 1);

        try (ServiceProcess second = ServiceProcess.start(
                        workDir,
                        env,
                        List.of("-Dcamel.main.configurationClasses=storesync.fixtures.RecordingHandlerConfiguration"),
                        List.of(Path.of("target", "test-classes")),
                        List.of())
                .awaitHealthy()) {
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> state(second).path("openTasks").asLong() == 0);
            JsonNode state = state(second);

            List<String> stored = new ArrayList<>();
            state.path("events").forEach(e -> stored.add(e.asText()));
            assertThat(stored).as("every acknowledged webhook is stored").containsAll(acked);

            Map<String, Integer> handled = new HashMap<>();
            state.path("handled").forEach(t -> handled.merge(t.asText(), 1, Integer::sum));
            for (long product : ackedProducts) {
                assertThat(handled.get("storeb:product:" + product))
                        .as("product %d reaches the handler exactly once", product)
                        .isEqualTo(1);
            }
            assertThat(handled.values()).as("nothing is handled twice").allMatch(count -> count == 1);
            assertStoppedGracefully(second);
        }
    }

    private static JsonNode state(ServiceProcess process) throws Exception {
        return JSON.readTree(process.get(process.port(), "/fixture/state").body());
    }

    private static String eventId(String body) throws Exception {
        JsonNode webhook = JSON.readTree(body);
        return webhook.path("scope").asText() + "|" + webhook.path("hash").asText() + "|"
                + webhook.path("created_at").asLong();
    }
}
