package dev.storesync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.queue.SyncTask;
import dev.storesync.queue.TaskStatus;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Intake over real HTTP into the embedded database, with no handler installed so tasks stay visible. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIntakeTest {
    @TempDir
    static Path dataDir;

    RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.builder().dataDir(dataDir).start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void anAcceptedWebhookIsStoredWithItsTask() {
        HttpResponse<String> answer = service.postWebhook(Webhooks.product("updated", 101, 1_700_000_000L));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"accepted\"").contains("\"task\":\"storeb:product:101\"");
        assertThat(events(101)).isEqualTo(1);
        SyncTask task = service.queue().find("storeb:product:101").orElseThrow();
        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.hints()).containsExactly("store/product/updated");
    }

    @Test
    void anExactRedeliveryIsAnsweredAndStoredOnce() {
        String body = Webhooks.product("updated", 102, 1_700_000_000L);

        HttpResponse<String> first = service.postWebhook(body);
        HttpResponse<String> again = service.postWebhook(body);

        assertThat(first.body()).contains("\"status\":\"accepted\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"status\":\"duplicate\"");
        assertThat(events(102)).isEqualTo(1);
    }

    @Test
    void theSameHashDeliveredLaterIsANewChange() {
        // hash is the SHA-1 of {type, id}: every update of product 103 has the same one
        HttpResponse<String> first = service.postWebhook(Webhooks.product("updated", 103, 1_700_000_000L));
        HttpResponse<String> later = service.postWebhook(Webhooks.product("updated", 103, 1_700_000_060L));

        assertThat(first.body()).contains("accepted");
        assertThat(later.body()).contains("accepted");
        assertThat(events(103)).isEqualTo(2);
        assertThat(service.queue().find("storeb:product:103").orElseThrow().eventCount())
                .isEqualTo(2);
    }

    @Test
    void createdAndUpdatedInTheSameSecondAreTwoEvents() {
        service.postWebhook(Webhooks.product("created", 104, 1_700_000_000L));
        service.postWebhook(Webhooks.product("updated", 104, 1_700_000_000L));

        assertThat(events(104)).isEqualTo(2);
        assertThat(service.queue().find("storeb:product:104").orElseThrow().hints())
                .containsExactlyInAnyOrder("store/product/created", "store/product/updated");
    }

    @Test
    void skuAndChannelEventsAreAboutTheirProduct() {
        service.postWebhook(Webhooks.sku("updated", 9001, 105, 501, 1_700_000_000L));
        service.postWebhook(Webhooks.channelAssignment(2, "assigned", 105, 1_700_000_001L));

        SyncTask task = service.queue().find("storeb:product:105").orElseThrow();
        assertThat(task.eventCount()).isEqualTo(2);
        assertThat(task.hints()).contains("store/sku/updated", "store/channel/2/product/assigned");
    }

    @Test
    void categoryEventsMakeCategoryTasks() {
        assertThat(service.postWebhook(Webhooks.category("created", 7, 1_700_000_000L))
                        .statusCode())
                .isEqualTo(200);
        assertThat(service.queue().find("storeb:category:7")).isPresent();
    }

    @Test
    void legacyPathsAcceptTheirOwnScope() {
        Map<String, String> headers =
                Map.of("X-Webhook-Secret", RunningService.SECRET, "Content-Type", "application/json");

        HttpResponse<String> matching =
                service.post("/webhooks/products/updated", Webhooks.product("updated", 106, 1_700_000_000L), headers);
        HttpResponse<String> mismatched =
                service.post("/webhooks/products/created", Webhooks.product("updated", 107, 1_700_000_000L), headers);
        HttpResponse<String> sku =
                service.post("/webhooks/sku/created", Webhooks.sku("created", 9002, 108, 502, 1_700_000_000L), headers);

        assertThat(matching.statusCode()).isEqualTo(200);
        assertThat(sku.statusCode()).isEqualTo(200);
        assertThat(mismatched.statusCode()).isEqualTo(400);
        assertThat(mismatched.body()).contains("this path takes scope store/product/created");
        assertThat(events(107)).isZero();
    }

    @Test
    void answersDoNotEchoRequestHeaders() {
        HttpResponse<String> answer = service.post(
                "/webhooks",
                Webhooks.product("updated", 109, 1_700_000_000L),
                Map.of(
                        "X-Webhook-Secret", RunningService.SECRET,
                        "Content-Type", "application/json",
                        "X-Custom-Probe", "echo-me"));

        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        answer.headers().map().keySet().stream()
                .filter(name -> !name.startsWith(":")) // HttpClient's pseudo-header for the status line
                .forEach(names::add);
        assertThat(names).containsOnly("content-length", "content-type");
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(answer.body()).doesNotContain(RunningService.SECRET);
    }

    @Test
    void aBadWebhookAmongConcurrentOnesIsRefusedAloneAndTheOthersAreStored() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (long product = 200; product < 232; product++) {
            bodies.add(Webhooks.product("updated", product, 1_700_000_000L));
        }
        int bad = 17;
        bodies.set(bad, "{\"scope\":\"store/product/updated\",\"data\":{\"type\":\"product\"}}");
        ExecutorService senders = Executors.newFixedThreadPool(bodies.size());
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (String body : bodies) {
                answers.add(senders.submit(() -> service.postWebhook(body)));
            }
            for (int i = 0; i < bodies.size(); i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS).statusCode())
                        .as("webhook %d", i)
                        .isEqualTo(i == bad ? 400 : 200);
            }
        } finally {
            senders.shutdownNow();
        }
        for (long product = 200; product < 232; product++) {
            assertThat(events(product)).as("product %d", product).isEqualTo(product == 200 + bad ? 0 : 1);
        }
    }

    private long events(long productId) {
        return service.db()
                .getCollection(CollectionNames.WEBHOOK_EVENTS)
                .countDocuments(Filters.eq("resourceId", productId));
    }
}
