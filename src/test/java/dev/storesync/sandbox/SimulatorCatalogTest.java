package dev.storesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.testsupport.ApiClient;
import dev.storesync.testsupport.ApiClient.Reply;
import dev.storesync.testsupport.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated catalog over HTTP: paging, filters, includes, uniqueness rules and derived fields. */
class SimulatorCatalogTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Simulator simulator;
    private SimulatedStore store;
    private ApiClient api;

    @BeforeEach
    void start() {
        simulator = Simulator.start("127.0.0.1", 0);
        store = simulator.addStore(StoreOptions.of("cat1", "tok").withClock(clock));
        api = new ApiClient(simulator.baseUrl(), "cat1", "tok");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private long product(String name, String sku, double price) {
        Reply reply = api.post(
                "/catalog/products",
                """
                {"name":"%s","type":"physical","weight":1,"price":%s,"sku":"%s"}"""
                        .formatted(name, price, sku));
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
        return reply.data().path("id").asLong();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void pagesThroughSixHundredProductsToTheEnd() {
        CatalogSeeder.seed(store.catalog(), 600, 7);
        Set<Long> seen = new HashSet<>();
        List<Integer> counts = new ArrayList<>();
        int page = 1;
        Reply reply;
        do {
            reply = api.get("/catalog/products?limit=250&page=" + page);
            JsonNode pagination = reply.body().path("meta").path("pagination");
            assertThat(pagination.path("total").asInt()).isEqualTo(600);
            assertThat(pagination.path("total_pages").asInt()).isEqualTo(3);
            assertThat(pagination.path("current_page").asInt()).isEqualTo(page);
            reply.data().forEach(p -> seen.add(p.path("id").asLong()));
            counts.add(reply.data().size());
            page++;
        } while (reply.body().path("meta").path("pagination").path("links").has("next"));

        assertThat(counts).containsExactly(250, 250, 100);
        assertThat(seen).hasSize(600);
        assertThat(api.get("/catalog/products?limit=1000")
                        .body()
                        .path("meta")
                        .path("pagination")
                        .path("per_page")
                        .asInt())
                .as("limit is capped at 250")
                .isEqualTo(250);
    }

    @Test
    void filtersProductsAsTheApiDocuments() {
        long towel = product("Linen Towel", "TOWEL+1", 20);
        long mug = product("Copper Mug", "MUG 1", 35);
        long lamp = product("Cedar Lamp", "LAMP/1", 80);
        clock.advance(Duration.ofHours(1));
        api.put("/catalog/products/" + lamp, "{\"availability\":\"disabled\",\"search_keywords\":\"wooden light\"}");

        assertThat(ids("?id:in=" + towel + "," + lamp)).containsExactly(towel, lamp);
        assertThat(ids("?sku=" + encode("towel+1")))
                .as("SKU match ignores case")
                .containsExactly(towel);
        assertThat(ids("?sku:in=" + encode("MUG 1") + "," + encode("LAMP/1"))).containsExactly(mug, lamp);
        assertThat(ids("?name=" + encode("Copper Mug"))).containsExactly(mug);
        assertThat(ids("?availability=disabled")).containsExactly(lamp);
        assertThat(ids("?keyword=wooden")).containsExactly(lamp);
        assertThat(ids("?date_modified:min=" + encode("2026-03-01T10:30:00+00:00")))
                .containsExactly(lamp);
        assertThat(ids("?date_modified:max=2026-03-01T10:30:00")).containsExactly(towel, mug);
        assertThat(ids("?sort=price&direction=desc")).containsExactly(lamp, mug, towel);
        assertThat(api.get("/catalog/products?colour=red").status())
                .as("unsupported filter")
                .isEqualTo(422);
    }

    @Test
    void includesAndFieldSelection() {
        long id = store.catalog()
                .products
                .create(
                        SimulatedStore.json(
                                """
                        {"name":"Shoe","type":"physical","weight":1,"price":50,"sku":"SHOE",
                         "images":[{"image_url":"https://img.example.com/a.jpg"},{"image_url":"https://img.example.com/b.png"}],
                         "custom_fields":[{"name":"Material","value":"Canvas"}],
                         "variants":[{"sku":"SHOE-S","option_values":[{"option_display_name":"Size","label":"S"}]},
                                     {"sku":"SHOE-M","option_values":[{"option_display_name":"Size","label":"M"}]}]}"""))
                .path("id")
                .asLong();

        JsonNode full = api.get(
                        "/catalog/products/" + id
                                + "?include=variants,images,custom_fields,options,primary_image,modifiers,bulk_pricing_rules,videos")
                .data();
        assertThat(full.path("variants")).hasSize(2);
        assertThat(full.path("variants")
                        .get(0)
                        .path("option_values")
                        .get(0)
                        .path("option_display_name")
                        .asText())
                .isEqualTo("Size");
        assertThat(full.path("images")).hasSize(2);
        assertThat(full.path("images").get(0).path("url_zoom").asText())
                .startsWith("https://")
                .contains("/products/" + id);
        assertThat(full.path("images").get(0).has("image_url"))
                .as("the source URL is write-only")
                .isFalse();
        assertThat(full.path("primary_image").path("is_thumbnail").asBoolean()).isTrue();
        assertThat(full.path("custom_fields").get(0).path("value").asText()).isEqualTo("Canvas");
        assertThat(full.path("options").get(0).path("option_values")).hasSize(2);
        assertThat(full.path("modifiers")).isEmpty();
        assertThat(full.path("base_variant_id").isNull())
                .as("a product with option variants has no base variant")
                .isTrue();

        JsonNode trimmed = api.get("/catalog/products/" + id + "?include_fields=name,price")
                .data();
        assertThat(trimmed.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "price");
        JsonNode excluded = api.get("/catalog/products/" + id + "?exclude_fields=description,id")
                .data();
        assertThat(excluded.has("description")).isFalse();
        assertThat(excluded.has("id")).as("id is always answered").isTrue();
    }

    @Test
    void aSimpleProductHasABaseVariantThatCarriesItsSku() {
        long id = product("Mug", "MUG", 10);

        JsonNode product =
                api.get("/catalog/products/" + id + "?include=variants").data();
        assertThat(product.path("variants")).hasSize(1);
        assertThat(product.path("variants").get(0).path("sku").asText()).isEqualTo("MUG");
        assertThat(product.path("base_variant_id").asLong())
                .isEqualTo(product.path("variants").get(0).path("id").asLong());

        api.put("/catalog/products/" + id, "{\"sku\":\"MUG-2\"}");
        assertThat(api.get("/catalog/products/" + id + "/variants")
                        .data()
                        .get(0)
                        .path("sku")
                        .asText())
                .isEqualTo("MUG-2");
        assertThat(api.get("/catalog/variants?sku=mug-2").data()).hasSize(1);
    }

    @Test
    void skusAreUniqueAcrossProductsAndVariantsWhateverTheirCase() {
        long shirt = product("Shirt", "SHIRT", 30);
        JsonNode colour = api.post(
                        "/catalog/products/" + shirt + "/options",
                        "{\"display_name\":\"Colour\",\"type\":\"radio_buttons\",\"option_values\":"
                                + "[{\"label\":\"Red\",\"sort_order\":0},{\"label\":\"Blue\",\"sort_order\":1}]}")
                .data();
        api.post("/catalog/products/" + shirt + "/variants", SimulatorWebhooksTest.variant("SHIRT-RED", colour, 0));

        Reply sameAsProduct = api.post(
                "/catalog/products",
                """
                {"name":"Other","type":"physical","weight":1,"price":1,"sku":"shirt"}""");
        Reply sameAsVariant = api.post(
                "/catalog/products",
                """
                {"name":"Other","type":"physical","weight":1,"price":1,"sku":"Shirt-Red"}""");
        Reply variantLikeProduct =
                api.post("/catalog/products/" + shirt + "/variants", SimulatorWebhooksTest.variant("SHIRT", colour, 1));
        Reply sameName = api.post(
                "/catalog/products",
                """
                {"name":"shirt","type":"physical","weight":1,"price":1,"sku":"X"}""");

        assertThat(List.of(sameAsProduct, sameAsVariant, variantLikeProduct, sameName))
                .extracting(Reply::status)
                .containsOnly(409);
        assertThat(sameAsVariant.body().path("title").asText()).isNotBlank();
        assertThat(sameAsVariant.body().path("errors").path("sku").asText()).contains("product " + shirt);
    }

    @Test
    void batchesHaveTheirLimits() {
        long id = product("Mug", "MUG", 10);
        StringBuilder products = new StringBuilder("[");
        StringBuilder variants = new StringBuilder("[");
        for (int i = 0; i < 51; i++) {
            if (i < 11) {
                products.append(i == 0 ? "" : ",").append("{\"id\":").append(id).append(",\"price\":1}");
            }
            variants.append(i == 0 ? "" : ",").append("{\"id\":1,\"price\":1}");
        }

        assertThat(api.put("/catalog/products", products + "]").status()).isEqualTo(413);
        assertThat(api.put("/catalog/variants", variants + "]").status()).isEqualTo(413);
        assertThat(api.put("/catalog/products", "[{\"id\":" + id + ",\"price\":3}]")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/catalog/products/" + id).data().path("price").asDouble())
                .isEqualTo(3);
    }

    @Test
    void brandNameFindsOrCreatesTheBrand() {
        long first = api.post(
                        "/catalog/products",
                        """
                {"name":"A","type":"physical","weight":1,"price":1,"brand_name":"Northwind"}""")
                .data()
                .path("brand_id")
                .asLong();
        long second = api.post(
                        "/catalog/products",
                        """
                {"name":"B","type":"physical","weight":1,"price":1,"brand_name":"NORTHWIND"}""")
                .data()
                .path("brand_id")
                .asLong();

        assertThat(first).isPositive().isEqualTo(second);
        assertThat(api.get("/catalog/brands").data()).hasSize(1);
        assertThat(api.post("/catalog/brands", "{\"name\":\"northwind\"}").status())
                .isEqualTo(409);
    }

    @Test
    void dateModifiedMovesOnEveryChangeEvenWithinOneSecond() {
        long id = product("Mug", "MUG", 10);
        String created =
                api.get("/catalog/products/" + id).data().path("date_modified").asText();

        api.put("/catalog/products/" + id, "{\"price\":11}");
        String once =
                api.get("/catalog/products/" + id).data().path("date_modified").asText();
        api.put("/catalog/products/" + id, "{\"price\":12}");
        String twice =
                api.get("/catalog/products/" + id).data().path("date_modified").asText();

        assertThat(List.of(created, once, twice)).doesNotHaveDuplicates().isSorted();
        assertThat(created).isEqualTo("2026-03-01T10:00:00+00:00");
    }

    @Test
    void categoryNamesAreUniqueOnlyAmongSiblings() {
        JsonNode tops = api.post(
                        "/catalog/trees/categories",
                        "[{\"name\":\"Men\",\"tree_id\":1},{\"name\":\"Women\",\"tree_id\":1}]")
                .data();
        long men = tops.get(0).path("category_id").asLong();
        long women = tops.get(1).path("category_id").asLong();

        Reply shoes = api.post(
                "/catalog/trees/categories",
                "[{\"name\":\"Shoes\",\"parent_id\":" + men + "},{\"name\":\"Shoes\",\"parent_id\":" + women + "}]");
        Reply clash = api.post("/catalog/trees/categories", "[{\"name\":\"shoes\",\"parent_id\":" + men + "}]");

        assertThat(shoes.status()).isEqualTo(201);
        assertThat(clash.status()).isEqualTo(422);
        long menShoes = shoes.data().get(0).path("category_id").asLong();
        assertThat(shoes.data().get(0).path("url").path("path").asText()).isEqualTo("/men/shoes/");
        assertThat(api.get("/catalog/trees/categories?name=Shoes&parent_id:in=" + women)
                        .data())
                .hasSize(1);
        assertThat(api.get("/catalog/categories/" + menShoes)
                        .data()
                        .path("parent_id")
                        .asLong())
                .as("the legacy view shows the same data")
                .isEqualTo(men);

        assertThat(api.put(
                                "/catalog/trees/categories",
                                "[{\"category_id\":" + menShoes + ",\"parent_id\":" + women + "}]")
                        .status())
                .as("moving next to a sibling of the same name")
                .isEqualTo(422);
        api.delete("/catalog/trees/categories?category_id:in=" + men);
        assertThat(api.get("/catalog/trees/categories?category_id:in=" + menShoes)
                        .data())
                .as("sub-categories go with their parent")
                .isEmpty();
    }

    @Test
    void theTreesListingTakesNoPagingParameters() {
        assertThat(api.get("/catalog/trees?channel_id:in=1")
                        .data()
                        .get(0)
                        .path("id")
                        .asLong())
                .isEqualTo(1);
        assertThat(api.get("/catalog/trees?limit=250&page=1").status()).isEqualTo(422);
    }

    @Test
    void aCategoryUrlBelongsToOneCategory() {
        long sale = api.post("/catalog/trees/categories", "[{\"name\":\"Sale\",\"tree_id\":1}]")
                .data()
                .get(0)
                .path("category_id")
                .asLong();

        Reply clash = api.post(
                "/catalog/trees/categories",
                "[{\"name\":\"Outlet\",\"tree_id\":1,\"url\":{\"path\":\"/sale/\",\"is_customized\":true}}]");
        Reply move = api.put(
                "/catalog/trees/categories",
                "[{\"category_id\":" + sale + ",\"url\":{\"path\":\"/bargains/\",\"is_customized\":true}}]");

        assertThat(clash.status()).isEqualTo(422);
        assertThat(clash.body().path("errors").path("errors").path("url").asText())
                .isEqualTo("the URL /sale/ is already used by another category");
        assertThat(move.status()).as("a category may change its own URL").isEqualTo(200);
    }

    @Test
    void channelListingsPageByCursor() {
        long channel = api.post("/channels", "{\"name\":\"B\",\"type\":\"marketplace\",\"platform\":\"custom\"}")
                .data()
                .path("id")
                .asLong();
        Set<Long> products = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            long id = product("P" + i, "P" + i, 1);
            long variant = api.get("/catalog/products/" + id + "/variants")
                    .data()
                    .get(0)
                    .path("id")
                    .asLong();
            api.post(
                    "/channels/" + channel + "/listings",
                    "[{\"product_id\":" + id + ",\"state\":\"active\",\"variants\":" + "[{\"product_id\":" + id
                            + ",\"variant_id\":" + variant + ",\"state\":\"active\"}]}]");
            products.add(id);
        }

        Set<Long> listed = new HashSet<>();
        String next = "?limit=7";
        int pages = 0;
        while (next != null) {
            Reply page = api.get("/channels/" + channel + "/listings" + next);
            page.data().forEach(l -> listed.add(l.path("product_id").asLong()));
            JsonNode links = page.body().path("meta").path("pagination").path("links");
            next = links.has("next") ? links.path("next").asText() : null;
            pages++;
        }

        assertThat(listed).isEqualTo(products);
        assertThat(pages).isEqualTo(5);
    }

    private List<Long> ids(String query) {
        Reply reply = api.get("/catalog/products" + query);
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        reply.data().forEach(p -> ids.add(p.path("id").asLong()));
        return ids;
    }
}
