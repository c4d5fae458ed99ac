package dev.storesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.testsupport.ApiClient;
import dev.storesync.testsupport.ApiClient.Reply;
import dev.storesync.testsupport.CatalogBuilder;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the specs are strict in ways a lenient stand-in would hide a client's misreading, the simulator is strict too.
 * Each test follows one spec sentence (quoted in the simulator's code next to the behaviour).
 */
class SimulatorFidelityTest {
    private Simulator simulator;
    private SimulatedStore store;
    private ApiClient api;

    @BeforeEach
    void start() {
        simulator = Simulator.start("127.0.0.1", 0);
        store = simulator.addStore(StoreOptions.of("fid1", "tok"));
        api = new ApiClient(simulator.baseUrl(), "fid1", "tok");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void includingOptionsOrModifiersLimitsAPageToTen() {
        CatalogSeeder.seed(store.catalog(), 25, 3);

        for (String include : new String[] {"options", "modifiers", "variants,options"}) {
            Set<Long> seen = new HashSet<>();
            int page = 1;
            Reply reply;
            do {
                reply = api.get("/catalog/products?limit=50&include=" + include + "&page=" + page++);
                JsonNode pagination = reply.body().path("meta").path("pagination");
                assertThat(reply.data().size()).as(include).isLessThanOrEqualTo(10);
                assertThat(pagination.path("per_page").asInt()).as(include).isEqualTo(10);
                assertThat(pagination.path("total_pages").asInt()).as(include).isEqualTo(3);
                reply.data().forEach(p -> seen.add(p.path("id").asLong()));
            } while (page
                    <= reply.body()
                            .path("meta")
                            .path("pagination")
                            .path("total_pages")
                            .asInt());
            assertThat(seen).as(include + ": every product, ten at a time").hasSize(25);
        }
        Reply lighter = api.get("/catalog/products?limit=50&include=variants,images,custom_fields");
        assertThat(lighter.data()).as("other includes keep the asked limit").hasSize(25);
    }

    @Test
    void aCustomUrlTakenByAnotherEntityIsAPartialFailure() {
        long owner = product("Storm Lantern", "LANTERN-1", "{\"url\":\"/lantern/\",\"is_customized\":true}");
        long other = product("Hurricane Lamp", "LAMP-1", "{\"url\":\"/lamp/\",\"is_customized\":true}");

        Reply update = api.put(
                "/catalog/products/" + other,
                "{\"price\":12.5,\"custom_url\":{\"url\":\"/lantern/\",\"is_customized\":true}}");

        assertThat(update.status()).isEqualTo(207);
        assertThat(update.data().path("price").asDouble())
                .as("the rest is saved")
                .isEqualTo(12.5);
        assertThat(update.data().path("custom_url").path("url").asText()).isEqualTo("/lamp/");
        assertThat(update.body().path("errors").path("status").asInt()).isEqualTo(207);
        assertThat(update.body()
                        .path("errors")
                        .path("errors")
                        .path("custom_url")
                        .asText())
                .isEqualTo("The URL /lantern/ is taken by product " + owner);

        Reply create = api.post(
                "/catalog/products",
                "{\"name\":\"Oil Lamp\",\"type\":\"physical\",\"weight\":1,\"price\":8,\"sku\":\"OIL-1\","
                        + "\"custom_url\":{\"url\":\"/LANTERN/\",\"is_customized\":true}}");
        assertThat(create.status()).isEqualTo(207);
        assertThat(create.data().isArray())
                .as("createProduct's 207 answers the product in an array")
                .isTrue();
        assertThat(create.data().path(0).path("id").asLong())
                .as("the product is created")
                .isPositive();
        assertThat(create.data()
                        .path(0)
                        .path("custom_url")
                        .path("is_customized")
                        .asBoolean())
                .isFalse();

        Reply batch = api.put(
                "/catalog/products",
                "[{\"id\":" + other + ",\"custom_url\":{\"url\":\"/lantern/\",\"is_customized\":true}}," + "{\"id\":"
                        + owner + ",\"price\":99}]");
        assertThat(batch.status()).isEqualTo(207);
        assertThat(batch.body()
                        .path("errors")
                        .path("errors")
                        .path(other + ".custom_url")
                        .asText())
                .startsWith("The URL /lantern/ is taken");
        assertThat(api.get("/catalog/products/" + owner).data().path("price").asDouble())
                .isEqualTo(99);
    }

    @Test
    void aNewVariantOfAnExistingProductNamesItsValuesById() {
        long shirt = product("Shirt", "SHIRT", "{\"url\":\"/shirt/\",\"is_customized\":true}");
        JsonNode size = option(shirt, "Size", "S", "M");

        Reply byName = api.post(
                "/catalog/products/" + shirt + "/variants",
                "{\"sku\":\"SHIRT-S\",\"option_values\":[{\"option_display_name\":\"Size\",\"label\":\"S\"}]}");
        Reply byId =
                api.post("/catalog/products/" + shirt + "/variants", SimulatorWebhooksTest.variant("SHIRT-S", size, 0));

        assertThat(byName.status()).isEqualTo(422);
        assertThat(byName.body().path("errors").path("option_values").asText()).contains("by its id and option_id");
        assertThat(byId.status()).isEqualTo(200);
    }

    @Test
    void aVariantsOptionValuesCannotBeChangedNorItsSkuEmptied() {
        long shirt = product("Shirt", "SHIRT", "{\"url\":\"/shirt/\",\"is_customized\":true}");
        JsonNode size = option(shirt, "Size", "S", "M");
        long small = api.post(
                        "/catalog/products/" + shirt + "/variants", SimulatorWebhooksTest.variant("SHIRT-S", size, 0))
                .data()
                .path("id")
                .asLong();
        String medium =
                "[{\"id\":" + size.path("option_values").get(1).path("id").asLong() + ",\"option_id\":"
                        + size.path("id").asLong() + "}]";

        Reply single =
                api.put("/catalog/products/" + shirt + "/variants/" + small, "{\"option_values\":" + medium + "}");
        Reply batch = api.put("/catalog/variants", "[{\"id\":" + small + ",\"option_values\":" + medium + "}]");
        Reply emptySku = api.put("/catalog/products/" + shirt + "/variants/" + small, "{\"sku\":\"\"}");

        assertThat(single.status()).isEqualTo(422);
        assertThat(single.body().path("errors").path("option_values").asText()).contains("cannot be changed");
        assertThat(batch.status()).isEqualTo(422);
        assertThat(batch.body()
                        .path("batch_errors")
                        .get(0)
                        .path("errors")
                        .path("option_values")
                        .asText())
                .as("the variants batch lists its errors in batch_errors")
                .contains("cannot be changed");
        assertThat(emptySku.status()).isEqualTo(422);
    }

    @Test
    void theBaseVariantFollowsTheProductsPriceWeightAndInventory() {
        long lamp = product("Lamp", "LAMP", "{\"url\":\"/lamp/\",\"is_customized\":true}");
        api.put("/catalog/products/" + lamp, "{\"price\":25.5,\"weight\":3,\"inventory_level\":7}");
        JsonNode base =
                api.get("/catalog/products/" + lamp + "/variants").data().get(0);

        assertThat(base.path("price").asDouble()).isEqualTo(25.5);
        assertThat(base.path("weight").asDouble()).isEqualTo(3);
        assertThat(base.path("inventory_level").asInt()).isEqualTo(7);

        api.put("/catalog/products/" + lamp + "/variants/" + base.path("id").asLong(), "{\"price\":30}");
        assertThat(api.get("/catalog/products/" + lamp).data().path("price").asDouble())
                .as("and the product follows its base variant")
                .isEqualTo(30);
    }

    @Test
    void brandNamesAreUniqueWhateverTheirCaseWhileTheNameFilterIsExact() {
        assertThat(api.post("/catalog/brands", "{\"name\":\"Acme\"}").status()).isEqualTo(200);

        Reply shouting = api.post("/catalog/brands", "{\"name\":\"ACME\"}");

        assertThat(shouting.status()).isEqualTo(409);
        assertThat(api.get("/catalog/brands?name=ACME").data())
                .as("the name filter is exact")
                .isEmpty();
        assertThat(api.get("/catalog/brands?name=Acme").data()).hasSize(1);
    }

    @Test
    void brandAndCategoryImagesAreRehostedOnTheStoresCdn() {
        Reply brand = api.post(
                "/catalog/brands", "{\"name\":\"Lux\",\"image_url\":\"https://images.example.com/logo.png?v=2\"}");
        Reply category = api.post(
                "/catalog/trees/categories",
                "[{\"name\":\"Lamps\",\"tree_id\":1,\"image_url\":\"https://images.example.com/lamps.png\"}]");

        assertThat(brand.data().path("image_url").asText())
                .startsWith("https://cdn11.bigcommerce.com/s-fid1/product_images/")
                .endsWith("logo.png");
        assertThat(category.data().get(0).path("image_url").asText())
                .startsWith("https://cdn11.bigcommerce.com/s-fid1/product_images/")
                .endsWith("lamps.png");
        Reply again = api.put(
                "/catalog/brands/" + brand.data().path("id").asLong(),
                "{\"image_url\":\"" + brand.data().path("image_url").asText() + "\"}");
        assertThat(again.data().path("image_url").asText())
                .as("its own address stays")
                .isEqualTo(brand.data().path("image_url").asText());
    }

    @Test
    void listingsOfAChannelThatDoesNotExistAreEmptyAndAProductMayBeListedTwice() {
        long lamp = product("Lamp", "LAMP", "{\"url\":\"/lamp/\",\"is_customized\":true}");
        long channel = api.post("/channels", "{\"name\":\"Market\",\"type\":\"marketplace\",\"platform\":\"custom\"}")
                .data()
                .path("id")
                .asLong();

        Reply nowhere = api.get("/channels/" + (channel + 999) + "/listings");
        Reply twice = api.post(
                "/channels/" + channel + "/listings",
                "[{\"product_id\":" + lamp + ",\"state\":\"disabled\",\"variants\":[]}," + "{\"product_id\":" + lamp
                        + ",\"state\":\"active\",\"variants\":[]}]");

        assertThat(nowhere.status())
                .as("channels spec: not found answers 200 with empty data")
                .isEqualTo(200);
        assertThat(nowhere.data()).isEmpty();
        assertThat(twice.status()).as(String.valueOf(twice.body())).isEqualTo(200);
        assertThat(api.get("/channels/" + channel + "/listings?product_id:in=" + lamp)
                        .data())
                .hasSize(2);
    }

    @Test
    void metafieldsBelongToTheAppThatWroteThem() {
        long lamp = product("Lamp", "LAMP", "{\"url\":\"/lamp/\",\"is_customized\":true}");
        var body = CatalogBuilder.metafield("reviews", "score", "4.1");
        long theirs = store.catalog()
                .metafields
                .createAs("reviews-app", lamp, body)
                .path("id")
                .asLong();
        store.catalog().metafields.createAs("secret-app", lamp, body.deepCopy().put("permission_set", "app_only"));

        Reply ours = api.post("/catalog/products/" + lamp + "/metafields", body.toString());
        Reply change = api.put("/catalog/products/" + lamp + "/metafields/" + theirs, "{\"value\":\"5\"}");
        Reply delete = api.delete("/catalog/products/" + lamp + "/metafields/" + theirs);

        assertThat(ours.status())
                .as("unique per app: the same namespace and key is ours to have")
                .isEqualTo(200);
        assertThat(change.status()).isEqualTo(403);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(api.get("/catalog/products/" + lamp + "/metafields").data())
                .as("another app's app_only metafield is not seen")
                .hasSize(2);
    }

    @Test
    void bulkPricingRangesMustNotOverlapAndVideosNeedTheirId() {
        long kettle = product("Kettle", "KETTLE", "{\"url\":\"/kettle/\",\"is_customized\":true}");
        String rules = "/catalog/products/" + kettle + "/bulk-pricing-rules";

        Reply first = api.post(rules, "{\"quantity_min\":2,\"quantity_max\":4,\"type\":\"price\",\"amount\":1}");
        Reply overlapping = api.post(rules, "{\"quantity_min\":4,\"quantity_max\":0,\"type\":\"price\",\"amount\":2}");
        Reply backwards = api.post(rules, "{\"quantity_min\":9,\"quantity_max\":5,\"type\":\"price\",\"amount\":2}");
        Reply video = api.post("/catalog/products/" + kettle + "/videos", "{\"title\":\"No id\"}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(video.status()).isEqualTo(422);
        assertThat(api.get("/catalog/products/" + kettle + "?include=bulk_pricing_rules")
                        .data()
                        .path("bulk_pricing_rules"))
                .hasSize(1);
    }

    @Test
    void productImagesAnswerResizedCopiesAndACopyIsNamedAfterItsSource() {
        long lamp = product("Lamp", "LAMP", "{\"url\":\"/lamp/\",\"is_customized\":true}");
        JsonNode image = api.post(
                        "/catalog/products/" + lamp + "/images",
                        "{\"image_url\":\"https://images.example.com/lamp-front.jpg\",\"sort_order\":0}")
                .data();
        String original = store.catalog().images.original(lamp, image.path("id").asLong());

        assertThat(image.path("url_zoom").asText()).as("at most 1280 x 1280").contains(".1280.1280.");
        assertThat(original)
                .startsWith("https://cdn11.bigcommerce.com/s-fid1/images/stencil/original/products/" + lamp + "/")
                .doesNotContain("1280");
        JsonNode copy = api.post(
                        "/catalog/products/" + lamp + "/images",
                        "{\"image_url\":\"" + original + "\",\"sort_order\":1}")
                .data();
        String stem = image.path("image_file").asText().replaceAll("^.*/", "").replaceAll("\\.[^.]*$", "");
        assertThat(copy.path("image_file").asText().replaceAll("^.*/", ""))
                .as("a copy's stored name starts with the name of the file it was made from")
                .startsWith(stem);
    }

    private JsonNode option(long product, String name, String... labels) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            values.append(i == 0 ? "" : ",")
                    .append("{\"label\":\"")
                    .append(labels[i])
                    .append("\",\"sort_order\":")
                    .append(i)
                    .append('}');
        }
        Reply reply = api.post(
                "/catalog/products/" + product + "/options",
                "{\"display_name\":\"" + name + "\",\"type\":\"radio_buttons\",\"option_values\":[" + values + "]}");
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
        return reply.data();
    }

    private long product(String name, String sku, String customUrl) {
        Reply reply = api.post(
                "/catalog/products",
                "{\"name\":\"%s\",\"type\":\"physical\",\"weight\":1,\"price\":10,\"sku\":\"%s\",\"custom_url\":%s}"
                        .formatted(name, sku, customUrl));
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
        return reply.data().path("id").asLong();
    }
}
