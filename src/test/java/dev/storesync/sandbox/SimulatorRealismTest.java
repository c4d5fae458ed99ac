package dev.storesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.ApiClient;
import dev.storesync.testsupport.ApiClient.Reply;
import dev.storesync.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knobs that make the simulator behave like a real store under load and failure. */
class SimulatorRealismTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @TempDir
    Path dir;

    private Simulator simulator;
    private SimulatedStore store;
    private ApiClient api;

    @BeforeEach
    void start() {
        simulator = Simulator.start("127.0.0.1", 0);
        store = simulator.addStore(
                StoreOptions.of("real1", "tok").withClock(clock).withRequestLog(dir.resolve("requests.jsonl")));
        api = new ApiClient(simulator.baseUrl(), "real1", "tok");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void theTokenIsChecked() {
        assertThat(new ApiClient(simulator.baseUrl(), "real1", "wrong")
                        .get("/catalog/products")
                        .status())
                .isEqualTo(401);
        assertThat(new ApiClient(simulator.baseUrl(), "nosuchstore", "tok")
                        .get("/catalog/products")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/catalog/products").status()).isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesTheRateLimitAndThe429SaysWhenToComeBack() {
        store.quota(3, Duration.ofSeconds(30));
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            replies.add(api.get("/catalog/products"));
        }

        assertThat(replies).extracting(Reply::status).containsExactly(200, 200, 200, 429);
        assertThat(replies)
                .extracting(r -> r.header("X-Rate-Limit-Requests-Left"))
                .containsExactly("2", "1", "0", "0");
        assertThat(replies).allSatisfy(r -> {
            assertThat(r.header("X-Rate-Limit-Requests-Quota")).isEqualTo("3");
            assertThat(r.header("X-Rate-Limit-Time-Window-Ms")).isEqualTo("30000");
            assertThat(Long.parseLong(r.header("X-Rate-Limit-Time-Reset-Ms"))).isBetween(1L, 30_000L);
        });
        Reply refused = replies.get(3);
        assertThat(refused.header("X-Retry-After")).isEqualTo("30");
        assertThat(refused.body().path("status").asInt()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(30));
        assertThat(api.get("/catalog/products").status()).as("a new window").isEqualTo(200);
    }

    @Test
    void faultsOutagesAndLatency() {
        store.faults(1.0, 502);
        assertThat(api.get("/catalog/products").status()).isEqualTo(502);
        store.faults(0, 500);
        store.outage(true);
        Reply down = api.get("/catalog/products");
        assertThat(down.status()).isEqualTo(503);
        store.outage(false);
        store.latency(Duration.ofMillis(150));
        assertThat(api.get("/catalog/products").status()).isEqualTo(200);

        RequestLog.Entry slow =
                store.requests().entries().get(store.requests().entries().size() - 1);
        assertThat(slow.ms()).as("the added latency is a lower bound").isGreaterThanOrEqualTo(150);
    }

    @Test
    void aRotatedTokenIsRefusedUntilItIsAcceptedAgain() {
        store.acceptOnly("rotated");

        assertThat(api.get("/catalog/products").status()).isEqualTo(401);
        assertThat(new ApiClient(simulator.baseUrl(), "real1", "rotated")
                        .get("/catalog/products")
                        .status())
                .isEqualTo(200);
        store.acceptOnly(null);
        assertThat(api.get("/catalog/products").status()).isEqualTo(200);
    }

    @Test
    void aSlowWriteIsCarriedOutOnArrivalAndAnsweredLate() throws Exception {
        long id = api.post("/catalog/products", "{\"name\":\"Slow\",\"type\":\"physical\",\"weight\":1,\"price\":5}")
                .data()
                .path("id")
                .asLong();
        store.writeLatency(Duration.ofSeconds(2));
        long before = store.writesReceived();

        CompletableFuture<Reply> slow =
                CompletableFuture.supplyAsync(() -> api.put("/catalog/products/" + id, "{\"price\":7}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.writesReceived() == before + 1);
        assertThat(store.catalog()
                        .products
                        .get(id, ListQuery.empty())
                        .path("price")
                        .asDouble())
                .as("already written while its answer waits")
                .isEqualTo(7);
        assertThat(slow).isNotDone();
        assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(api.get("/catalog/products/" + id).status())
                .as("reads are not slowed")
                .isEqualTo(200);
    }

    @Test
    void aHungStoreNeverAnswers() throws Exception {
        store.hang(true);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + "/stores/real1/v3/catalog/products"))
                .header("X-Auth-Token", "tok")
                .timeout(Duration.ofMillis(500))
                .build();

        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(store.leftUnanswered()).isEqualTo(1);
        store.hang(false);
        assertThat(api.get("/catalog/products").status()).isEqualTo(200);
    }

    @Test
    void aShareOfRequestsFails() {
        store.faults(0.3, 500);
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            if (api.get("/catalog/products").status() == 500) {
                failed++;
            }
        }
        assertThat(failed).as("about 30 %% of 200, from a seeded random").isBetween(30, 90);
    }

    @Test
    void theRequestLogCountsOperationsAndWritesJsonLines() throws Exception {
        long id = api.post("/catalog/products", "{\"name\":\"Mug\",\"type\":\"physical\",\"weight\":1,\"price\":1}")
                .data()
                .path("id")
                .asLong();
        api.get("/catalog/products/" + id);
        api.get("/catalog/products/" + id + "?include=variants");
        api.put("/catalog/products/" + id, "{\"price\":2}");

        assertThat(store.requests().counts())
                .containsEntry("POST /catalog/products", 1L)
                .containsEntry("GET /catalog/products/{product_id}", 2L)
                .containsEntry("PUT /catalog/products/{product_id}", 1L);
        assertThat(store.requests().writes()).isEqualTo(2);

        List<String> lines = Files.readAllLines(dir.resolve("requests.jsonl"));
        assertThat(lines).hasSize(4);
        JsonNode put = new ObjectMapper().readTree(lines.get(3));
        assertThat(put.path("method").asText()).isEqualTo("PUT");
        assertThat(put.path("path").asText()).isEqualTo("/stores/real1/v3/catalog/products/" + id);
        assertThat(put.path("body").path("price").asInt()).isEqualTo(2);
        assertThat(put.path("status").asInt()).isEqualTo(200);
        assertThat(put.path("response").path("data").path("price").asInt()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(lines.get(2)).path("query").asText())
                .isEqualTo("include=variants");
    }

    @Test
    void undeclaredFieldsAndBadJsonAreRefused() {
        Reply camelCase = api.post(
                "/catalog/products",
                "{\"name\":\"Mug\",\"type\":\"physical\",\"weight\":1,\"price\":1,\"inventoryLevel\":5}");
        Reply wrongType =
                api.post("/catalog/products", "{\"name\":\"Mug\",\"type\":\"physical\",\"weight\":1,\"price\":\"1\"}");
        Reply notJson = api.post("/catalog/products", "{\"name\":");

        assertThat(camelCase.status()).isEqualTo(422);
        assertThat(camelCase.body().path("errors").path("inventoryLevel").asText())
                .contains("not a property");
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.body().path("errors").path("price").asText()).isEqualTo("must be a number");
        assertThat(notJson.status()).isEqualTo(400);
    }
}
