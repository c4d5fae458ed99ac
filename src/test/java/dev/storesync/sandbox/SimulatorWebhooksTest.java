package dev.storesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.ApiClient;
import dev.storesync.testsupport.WebhookReceiver;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks as BigCommerce sends them: which edits fire which scopes (and which fire nothing), the payload and its
 * hash, custom headers, retries, the off switch and deactivation.
 */
class SimulatorWebhooksTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Simulator simulator;
    private SimulatedStore store;
    private Catalog catalog;
    private ApiClient api;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        simulator = Simulator.start("127.0.0.1", 0);
        store = simulator.addStore(StoreOptions.of("hooks1", "tok"));
        store.webhooks().retryDelays(List.of(Duration.ofMillis(20), Duration.ofMillis(20)));
        catalog = store.catalog();
        api = new ApiClient(simulator.baseUrl(), "hooks1", "tok");
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        simulator.close();
        receiver.close();
    }

    private void subscribe(String scope) {
        assertThat(api.post(
                                "/hooks",
                                """
                {"scope":"%s","destination":"%s","is_active":true,"headers":{"X-Webhook-Secret":"s3cret-value-0123"}}"""
                                        .formatted(scope, receiver.url()))
                        .status())
                .isEqualTo(200);
    }

    /** The scopes an action fires, in order. */
    private List<String> scopesOf(Runnable action) {
        int before = store.webhooks().fired().size();
        action.run();
        return store.webhooks().fired().subList(before, store.webhooks().fired().size()).stream()
                .map(WebhookSender.Fired::scope)
                .toList();
    }

    /** A new variant's body: its value named by id, as the API wants it for a product that exists. */
    static String variant(String sku, JsonNode option, int value) {
        return "{\"sku\":\"%s\",\"option_values\":[{\"id\":%d,\"option_id\":%d}]}"
                .formatted(
                        sku,
                        option.path("option_values").get(value).path("id").asLong(),
                        option.path("id").asLong());
    }

    private long createProduct(String name, String sku) {
        return api.post(
                        "/catalog/products",
                        """
                {"name":"%s","type":"physical","weight":1,"price":10,"sku":"%s"}"""
                                .formatted(name, sku))
                .data()
                .path("id")
                .asLong();
    }

    @Test
    void deliversTheBigCommercePayloadWithTheHooksHeaders() throws Exception {
        subscribe("store/product/*");

        long id = createProduct("Mug", "MUG");

        await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
        WebhookReceiver.Received delivery = receiver.received().get(0);
        JsonNode body = delivery.body();
        assertThat(body.path("scope").asText()).isEqualTo("store/product/created");
        assertThat(body.path("store_id").isTextual()).isTrue();
        assertThat(body.path("data").path("type").asText()).isEqualTo("product");
        assertThat(body.path("data").path("id").asLong()).isEqualTo(id);
        String sha1 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(body.path("data").toString().getBytes()));
        assertThat(body.path("hash").asText()).isEqualTo(sha1);
        assertThat(body.path("created_at").asLong()).isPositive();
        assertThat(body.path("producer").asText()).isEqualTo("stores/hooks1");
        assertThat(delivery.header("X-Webhook-Secret")).isEqualTo("s3cret-value-0123");
        assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void aDenylistedDestinationGetsNothingAndIsListedInHooksAdmin() {
        try (WebhookReceiver other = new WebhookReceiver()) {
            subscribe("store/product/created");
            api.post(
                    "/hooks",
                    "{\"scope\":\"store/product/created\",\"destination\":\"" + other.url() + "\",\"is_active\":true}");
            catalog.hooks.block(receiver.url(), Duration.ofMinutes(10), "connection refused");

            createProduct("Kettle", "KETTLE");

            await().atMost(WAIT).until(() -> other.received().size() == 1);
            assertThat(receiver.received()).isEmpty();
            assertThat(store.webhooks().deliveries())
                    .extracting(WebhookSender.Delivery::destination)
                    .containsExactly(other.url());
            JsonNode blocked = api.get("/hooks/admin").data().path("blocked_domains");
            assertThat(blocked).hasSize(1);
            assertThat(receiver.url())
                    .startsWith(blocked.get(0).path("destination").asText());
            assertThat(blocked.get(0).path("time_left").asLong()).isBetween(1L, 600L);
            assertThat(blocked.get(0)
                            .path("reasons")
                            .get(0)
                            .path("failure_description")
                            .asText())
                    .isEqualTo("connection refused");
        }
    }

    @Test
    void productEditsFireWhatBigCommerceFires() {
        long id = createProduct("Towel", "TOWEL");
        assertThat(scopesOf(() -> api.put("/catalog/products/" + id, "{\"price\":12}")))
                .containsExactly("store/product/updated");
        assertThat(scopesOf(() -> api.put("/catalog/products/" + id, "{\"inventory_level\":4}")))
                .containsExactly("store/product/updated", "store/product/inventory/updated");

        Supplier<Long> addImage = () -> api.post(
                        "/catalog/products/" + id + "/images", "{\"image_url\":\"https://img.example.com/t.jpg\"}")
                .data()
                .path("id")
                .asLong();
        long[] image = new long[2];
        assertThat(scopesOf(() -> image[0] = addImage.get()))
                .as("creating an image fires it twice")
                .containsExactly("store/product/updated", "store/product/updated");
        image[1] = catalog.images
                .create(id, SimulatedStore.json("{\"image_url\":\"https://img.example.com/u.jpg\"}"))
                .path("id")
                .asLong();
        assertThat(scopesOf(
                        () -> api.put("/catalog/products/" + id + "/images/" + image[1], "{\"description\":\"Back\"}")))
                .as("updating an image fires nothing")
                .isEmpty();
        assertThat(scopesOf(
                        () -> api.put("/catalog/products/" + id + "/images/" + image[1], "{\"is_thumbnail\":true}")))
                .as("unless it becomes the thumbnail")
                .containsExactly("store/product/updated");
        assertThat(scopesOf(() -> api.delete("/catalog/products/" + id + "/images/" + image[0])))
                .as("deleting an image fires nothing")
                .isEmpty();
        assertThat(scopesOf(() -> catalog.images.delete(id, image[1])))
                .as("nor does it from the control panel")
                .isEmpty();

        assertThat(scopesOf(() ->
                        api.post("/catalog/products/" + id + "/custom-fields", "{\"name\":\"A\",\"value\":\"B\"}")))
                .containsExactly("store/product/updated");
        assertThat(scopesOf(() -> api.post(
                        "/catalog/products/" + id + "/metafields",
                        "{\"namespace\":\"n\",\"key\":\"k\",\"value\":\"v\",\"permission_set\":\"read\"}")))
                .containsExactly("store/product/metafield/created");
        assertThat(scopesOf(() -> api.delete("/catalog/products/" + id))).containsExactly("store/product/deleted");
    }

    @Test
    void variantAndOptionEditsFireSkuEventsOrNothing() {
        long id = createProduct("Shirt", "SHIRT");
        JsonNode size = api.post(
                        "/catalog/products/" + id + "/options",
                        "{\"display_name\":\"Size\",\"type\":\"radio_buttons\",\"option_values\":"
                                + "[{\"label\":\"S\",\"sort_order\":0},{\"label\":\"M\",\"sort_order\":1}]}")
                .data();
        List<String> created =
                scopesOf(() -> api.post("/catalog/products/" + id + "/variants", variant("SHIRT-S", size, 0)));
        assertThat(created)
                .as("creating a variant fires only store/sku/created")
                .containsExactly("store/sku/created");
        api.post("/catalog/products/" + id + "/variants", variant("SHIRT-M", size, 1));
        JsonNode variants = api.get("/catalog/products/" + id + "/variants").data();
        long small = variants.get(0).path("id").asLong();
        assertThat(scopesOf(() -> api.put("/catalog/products/" + id + "/variants/" + small, "{\"price\":9}")))
                .containsExactly("store/sku/updated");

        JsonNode option = api.get("/catalog/products/" + id + "/options").data().get(0);
        long optionId = option.path("id").asLong();
        long mediumValue = option.path("option_values").get(1).path("id").asLong();
        assertThat(scopesOf(() ->
                        api.delete("/catalog/products/" + id + "/options/" + optionId + "/values/" + mediumValue)))
                .as("deleting an option value fires nothing")
                .isEmpty();
        assertThat(api.get("/catalog/products/" + id + "/variants").data())
                .as("its variant is gone")
                .hasSize(1);
        assertThat(scopesOf(() -> api.delete("/catalog/products/" + id + "/options/" + optionId)))
                .as("deleting an option fires SKU events")
                .containsExactly("store/sku/deleted");
    }

    @Test
    void listingsFireNothingAssignmentsAndCategoriesDo() {
        long id = createProduct("Lamp", "LAMP");
        long variant = api.get("/catalog/products/" + id + "/variants")
                .data()
                .get(0)
                .path("id")
                .asLong();
        long channel = api.post("/channels", "{\"name\":\"B\",\"type\":\"marketplace\",\"platform\":\"custom\"}")
                .data()
                .path("id")
                .asLong();

        assertThat(scopesOf(() -> api.post(
                        "/channels/" + channel + "/listings",
                        "[{\"product_id\":" + id
                                + ",\"state\":\"active\",\"variants\":[{\"product_id\":" + id + ",\"variant_id\":"
                                + variant
                                + ",\"state\":\"active\"}]}]")))
                .isEmpty();
        assertThat(scopesOf(() -> api.put(
                        "/catalog/products/channel-assignments",
                        "[{\"product_id\":" + id + ",\"channel_id\":" + channel + "}]")))
                .containsExactly("store/channel/" + channel + "/product/assigned");
        assertThat(scopesOf(() -> api.delete("/catalog/products/channel-assignments?product_id:in=" + id)))
                .containsExactly("store/channel/" + channel + "/product/unassigned");
        assertThat(scopesOf(() -> api.post("/catalog/brands", "{\"name\":\"Brandless\"}")))
                .as("no brand webhooks")
                .isEmpty();
        assertThat(scopesOf(() -> api.post("/catalog/trees/categories", "[{\"name\":\"Home\",\"tree_id\":1}]")))
                .containsExactly("store/category/created");
    }

    @Test
    void retriesUntilTheReceiverAnswers2xx() {
        subscribe("store/product/created");
        receiver.answer(500, 503);

        createProduct("Mug", "MUG");

        await().atMost(WAIT).until(() -> receiver.received().size() == 3);
        assertThat(store.webhooks().deliveries())
                .extracting(WebhookSender.Delivery::status)
                .containsExactly(500, 503, 200);
        assertThat(store.webhooks().deliveries())
                .extracting(WebhookSender.Delivery::attempt)
                .containsExactly(1, 2, 3);
    }

    @Test
    void aHookThatKeepsFailingIsDeactivated() {
        subscribe("store/product/created");
        store.webhooks().retryDelays(List.of());
        store.webhooks().deactivateAfterFailures(2);
        receiver.answer(500, 500);

        createProduct("A", "A");
        createProduct("B", "B");

        await().atMost(WAIT).until(() -> !catalog.hooks
                .list(ListQuery.empty())
                .items()
                .get(0)
                .path("is_active")
                .asBoolean());
        createProduct("C", "C");
        assertThat(store.webhooks().fired()).hasSize(3);
        await().during(Duration.ofMillis(300))
                .atMost(WAIT)
                .until(() -> receiver.received().size() == 2);
    }

    @Test
    void theOffSwitchAndRepeatedDeliveries() {
        subscribe("store/product/created");
        store.webhooks().enabled(false);
        createProduct("Off", "OFF");
        assertThat(store.webhooks().deliveries()).isEmpty();
        assertThat(store.webhooks().fired()).hasSize(1);

        store.webhooks().enabled(true);
        store.webhooks().repeatRate(1.0);
        createProduct("Twice", "TWICE");
        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received().get(0).body())
                .isEqualTo(receiver.received().get(1).body());
    }

    @Test
    void onlyActiveHooksOfAMatchingScopeReceive() {
        subscribe("store/category/*");
        long inactive = api.post(
                        "/hooks",
                        """
                {"scope":"store/product/created","destination":"%s","is_active":false}"""
                                .formatted(receiver.url()))
                .data()
                .path("id")
                .asLong();
        assertThat(inactive).isPositive();

        createProduct("Quiet", "QUIET");
        api.post("/catalog/trees/categories", "[{\"name\":\"Loud\",\"tree_id\":1}]");

        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).body().path("scope").asText()).isEqualTo("store/category/created");
    }
}
