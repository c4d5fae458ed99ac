package dev.storesync.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.config.Settings;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.testsupport.Ports;
import dev.storesync.testsupport.StoreFixture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client against the simulated store over real HTTP: encoding, answers and what each failure means. */
class BigCommerceClientTest {
    record ProductRef(long id, String sku, String name) {}

    record NewProduct(String name, String type, String sku, double price, double weight, List<Long> categories) {
        NewProduct(String name, String sku) {
            this(name, "physical", sku, 12.5, 1, List.of());
        }
    }

    private StoreFixture store;
    private BigCommerceClient client;

    @BeforeEach
    void start() {
        store = StoreFixture.start(getClass().getSimpleName());
        client = store.client();
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @ParameterizedTest(name = "SKU {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "TEE+XL      | TEE%2BXL",
                "TEE LONG    | TEE%20LONG",
                "TEE/2       | TEE%2F2",
                "'TEE,RED'   | TEE%2CRED",
                "CAFÉ-9      | CAF%C3%89-9",
                "Ñ-7         | %C3%91-7",
                "雪-1        | %E9%9B%AA-1",
                "50%-OFF     | 50%25-OFF",
                "A&B=C#1?    | A%26B%3DC%231%3F"
            })
    void findsAProductByAnAwkwardSku(String sku, String encoded) {
        client.post("/catalog/products", new NewProduct("Decoy " + sku, sku + "X"), ProductRef.class);
        ProductRef created = client.post("/catalog/products", new NewProduct("Product " + sku, sku), ProductRef.class);
        store.requests().clear();

        List<ProductRef> found = client.getAll("/catalog/products", Query.of("sku", sku), ProductRef.class);

        assertThat(found).containsExactly(created);
        assertThat(created.sku()).isEqualTo(sku);
        assertThat(store.requests().entries())
                .extracting(RequestLog.Entry::query)
                .containsExactly("sku=" + encoded + "&limit=250&page=1");
    }

    @Test
    void findsByNameAndBySeveralSkus() {
        String name = "Lumen & Co / 50% Ünïcode + more";
        ProductRef tricky = client.post("/catalog/products", new NewProduct(name, "LUMEN-1"), ProductRef.class);
        ProductRef plain = client.post("/catalog/products", new NewProduct("Plain", "PLAIN 2"), ProductRef.class);

        assertThat(client.getAll("/catalog/products", Query.of("name", name), ProductRef.class))
                .containsExactly(tricky);
        assertThat(client.getAll(
                        "/catalog/products",
                        Query.empty().withList("sku:in", List.of("LUMEN-1", "PLAIN 2")),
                        ProductRef.class))
                .containsExactlyInAnyOrder(tricky, plain);
    }

    @Test
    void eachCallReachesTheStoreWithItsOwnMethod() {
        ProductRef created = client.post("/catalog/products", new NewProduct("Kettle", "KETTLE-1"), ProductRef.class);
        String path = "/catalog/products/" + created.id();
        client.put(path, Map.of("name", "Kettle 2"), ProductRef.class);
        client.get(path, Query.empty(), ProductRef.class);
        client.delete(path, Query.empty());

        assertThat(store.requests().entries())
                .extracting(RequestLog.Entry::method)
                .containsExactly("POST", "PUT", "GET", "DELETE");
    }

    @Test
    void aMissingResourceIsAbsentNotAFailure() {
        assertThat(client.get("/catalog/products/424242", Query.empty(), ProductRef.class))
                .isEmpty();
        assertThat(client.delete("/catalog/products/424242", Query.empty())).isFalse();
        assertThat(store.requests().total()).isEqualTo(2);
    }

    @Test
    void aConflictIsPermanentWithBigCommercesMessage() {
        client.post("/catalog/products", new NewProduct("Copper Mug", "MUG-1"), ProductRef.class);

        assertThatThrownBy(
                        () -> client.post("/catalog/products", new NewProduct("Copper Mug", "MUG-2"), ProductRef.class))
                .isInstanceOfSatisfying(PermanentApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.call()).isEqualTo("POST /catalog/products");
                    assertThat(e.errors()).containsKey("name");
                    assertThat(e.getMessage())
                            .startsWith("Store A refused POST /catalog/products (409 The product name is a duplicate)")
                            .contains("name: product ");
                });
        assertThat(store.requests().count("POST /catalog/products"))
                .as("never retried")
                .isEqualTo(2);
    }

    @Test
    void anInvalidWriteIsPermanentWithTheFieldsMessage() {
        NewProduct product = new NewProduct("Lamp", "physical", "LAMP-1", 20, 1, List.of(999_999L));

        assertThatThrownBy(() -> client.post("/catalog/products", product, ProductRef.class))
                .isInstanceOfSatisfying(PermanentApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).containsEntry("categories", "category 999999 does not exist");
                    assertThat(e.getMessage()).contains("(422 ").endsWith("categories: category 999999 does not exist");
                });
        assertThat(store.requests().total()).as("never retried").isEqualTo(1);
    }

    @Test
    void aRefusedVariantBatchQuotesItsBatchErrors() {
        ProductRef lamp = client.post("/catalog/products", new NewProduct("Batch Lamp", "BLAMP-1"), ProductRef.class);
        long base = client.getAll("/catalog/products/" + lamp.id() + "/variants", Query.empty(), ProductRef.class)
                .get(0)
                .id();
        List<Map<String, Object>> batch = List.of(Map.of("id", base, "option_values", List.of()));

        assertThatThrownBy(() -> client.put("/catalog/variants", batch, JsonNode.class))
                .isInstanceOfSatisfying(PermanentApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage())
                            .as("not a bare HTTP 422")
                            .doesNotContain("HTTP 422")
                            .endsWith("option_values: a variant's option values cannot be changed; delete it and"
                                    + " create it again");
                });
    }

    @Test
    void aRefusedBatchOfTheTreesApiCarriesItsWrappedErrors() {
        List<Map<String, Object>> batch = List.of(Map.of("name", "Orphan", "parent_id", 987_654));

        assertThatThrownBy(() -> client.post("/catalog/trees/categories", batch, JsonNode.class))
                .isInstanceOfSatisfying(PermanentApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).containsEntry("parent_id", "category 987654 does not exist");
                    assertThat(e.getMessage()).contains("(422 ");
                });
    }

    @Test
    void aRefusedTokenIsAccessDeniedAtOnceUntilTheStoreAcceptsItAgain() {
        store.store().acceptOnly("rotated-token");

        assertThatThrownBy(() -> client.getAll("/catalog/products", Query.empty(), ProductRef.class))
                .isInstanceOfSatisfying(
                        AccessDeniedException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining(
                        "refused the service's credentials for GET /catalog/products?limit=250&page=1 (HTTP 401)")
                .hasMessageNotContaining(StoreFixture.TOKEN);
        assertThat(store.requests().entries()).as("not retried").hasSize(1);
        assertThat(client.accessDenied()).hasValueSatisfying(denied -> assertThat(denied.problem())
                .contains("access token was rotated, revoked or lost a scope"));
        assertThat(client.lastContact().orElseThrow().problem()).isNotNull();

        store.store().acceptOnly(null);
        client.getAll("/catalog/products", Query.empty(), ProductRef.class);

        assertThat(client.accessDenied()).isEmpty();
        assertThat(client.lastContact().orElseThrow().problem()).isNull();
    }

    @Test
    void anOutageIsTransientAfterAFewQuickRetries() {
        store.store().outage(true);

        assertThatThrownBy(() -> client.get("/catalog/products/1", Query.empty(), ProductRef.class))
                .isInstanceOfSatisfying(TransientApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.getMessage()).isEqualTo("Store A failed GET /catalog/products/1 3 times (HTTP 503)");
                });
        assertThat(store.requests().entries())
                .extracting(RequestLog.Entry::status)
                .containsExactly(503, 503, 503);
    }

    @Test
    void aServerErrorThatClearsIsRetriedQuietly() {
        store.store().faults(1.0, 500);
        ProductRef created;
        try {
            client.get("/catalog/products/1", Query.empty(), ProductRef.class);
        } catch (TransientApiException expected) {
            // the store keeps failing for now
        }
        store.store().faults(0, 500);
        created = client.post("/catalog/products", new NewProduct("After", "AFTER-1"), ProductRef.class);

        assertThat(client.get("/catalog/products/" + created.id(), Query.empty(), ProductRef.class))
                .hasValue(created);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsNeverSentAgain() {
        store.store().loseAnswers(1);

        assertThatThrownBy(() ->
                        client.post("/catalog/products", new NewProduct("Lost Answer", "LOST-1"), ProductRef.class))
                .isInstanceOfSatisfying(UncertainWriteException.class, e -> assertThat(e.getMessage())
                        .startsWith("Store A: POST /catalog/products may or may not have happened")
                        .endsWith("look before creating again"));

        await().until(() -> store.requests().total() == 1);
        assertThat(store.requests().count("POST /catalog/products")).isEqualTo(1);
        assertThat(client.getAll("/catalog/products", Query.of("sku", "LOST-1"), ProductRef.class))
                .as("the create did happen")
                .hasSize(1);
    }

    @Test
    void createLooksForWhatALostAnswerMayHaveCreated() {
        store.store().loseAnswers(1);

        ProductRef product = client.create(
                "/catalog/products",
                new NewProduct("Lost Again", "LOST-2"),
                ProductRef.class,
                () -> client.getAll("/catalog/products", Query.of("sku", "LOST-2"), ProductRef.class).stream()
                        .findFirst());

        assertThat(product.sku()).isEqualTo("LOST-2");
        assertThat(store.requests().count("POST /catalog/products")).isEqualTo(1);
        assertThat(store.catalog()
                        .products
                        .list(new dev.storesync.sandbox.catalog.ListQuery(Map.of("sku", "LOST-2")))
                        .total())
                .isEqualTo(1);
    }

    @Test
    void createGivesUpForNowWhenNothingIsFoundYet() {
        store.store().loseAnswers(1);

        assertThatThrownBy(() -> client.create(
                        "/catalog/products",
                        new NewProduct("Not Yet", "NOT-YET"),
                        ProductRef.class,
                        Optional::<ProductRef>empty))
                .isInstanceOf(TransientApiException.class)
                .isNotInstanceOf(UncertainWriteException.class)
                .hasMessageEndingWith("nothing found yet");
        assertThat(store.requests().count("POST /catalog/products")).isEqualTo(1);
    }

    @Test
    void aLostAnswerToAReadIsSimplyAskedAgain() {
        ProductRef created = client.post("/catalog/products", new NewProduct("Read Twice", "READ-2"), ProductRef.class);
        store.store().loseAnswers(1);

        assertThat(client.get("/catalog/products/" + created.id(), Query.empty(), ProductRef.class))
                .hasValue(created);
        await().until(() -> store.requests().count("GET /catalog/products/{product_id}") == 2);
    }

    @Test
    void aSlowStoreTimesOutAsTransient() {
        BigCommerceClient impatient = store.client(Duration.ofMillis(300), StoreFixture.QUICK);
        store.store().latency(Duration.ofSeconds(2));

        assertThatThrownBy(() -> impatient.get("/catalog/products/1", Query.empty(), ProductRef.class))
                .isInstanceOfSatisfying(TransientApiException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).startsWith("Store A failed GET /catalog/products/1 3 times (");
                });
        await().until(() -> store.requests().total() == 3);
    }

    @Test
    void anUnreachableStoreIsTransientAndEvenACreateIsTriedAgain() {
        BigCommerceClient nowhere = store.clientAt(
                URI.create("http://127.0.0.1:" + Ports.free()),
                new Settings.Api(Duration.ofSeconds(2), 0.05),
                StoreFixture.QUICK);

        assertThatThrownBy(() -> nowhere.post("/catalog/products", new NewProduct("Nowhere", "NW-1"), ProductRef.class))
                .isInstanceOf(TransientApiException.class)
                .isNotInstanceOf(UncertainWriteException.class)
                .hasMessageContaining("3 times");
        assertThat(store.meters()
                        .get("storesync_api_calls")
                        .tags("store", "A", "method", "POST", "status", "io_error")
                        .counter()
                        .count())
                .isEqualTo(3);
    }

    @Test
    void callsAreCountedPerStoreMethodAndStatus() {
        client.post("/catalog/products", new NewProduct("Counted", "COUNT-1"), ProductRef.class);
        client.get("/catalog/products/1", Query.empty(), ProductRef.class);

        assertThat(store.meters()
                        .get("storesync_api_calls")
                        .tags("store", "A", "method", "POST", "status", "200")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(store.meters()
                        .get("storesync_api_calls")
                        .tags("method", "GET", "status", "404")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(store.meters()
                        .get("storesync_api_latency")
                        .tags("store", "A", "method", "POST")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void theTokenTravelsAsAHeaderNeverInTheLog() {
        client.get("/catalog/products/1", Query.empty(), ProductRef.class);

        RequestLog.Entry entry = store.requests().entries().get(0);
        assertThat(entry.status()).as("the simulator checks X-Auth-Token").isEqualTo(404);
        assertThat(entry.path() + entry.query()).doesNotContain(StoreFixture.TOKEN);
    }
}
