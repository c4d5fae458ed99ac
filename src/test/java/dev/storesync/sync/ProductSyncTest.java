package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.brand;
import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.categoryIn;
import static dev.storesync.testsupport.CatalogBuilder.countBySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.image;
import static dev.storesync.testsupport.CatalogBuilder.partIds;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static dev.storesync.testsupport.CatalogBuilder.withImages;
import static dev.storesync.testsupport.CatalogBuilder.withVariants;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.testsupport.EndToEndTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Simulator webhooks → intake → queue → sync → Store B, for products. Store A is edited as a merchant edits it (the
 * edits fire BigCommerce's webhooks); every test ends with Store B matching Store A field by field.
 */
class ProductSyncTest extends EndToEndTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void aNewProductArrivesWithVariantsImagesCustomFieldsBrandAndCategory() {
        long brand = brand(sync.a(), "Northwind");
        long home = categoryIn(sync.a(), 0, "Home");
        long bath = categoryIn(sync.a(), home, "Bath");
        ObjectNode body = withImages(
                withVariants(
                        product("Linen Towel", "TOWEL-1", 19.5),
                        linked("Size", List.of("S", "M", "L"), "Colour", List.of("Natural", "Indigo"))),
                3,
                "towel");
        body.put("brand_id", brand)
                .put("description", "<p>Soft.</p>")
                .putArray("categories")
                .add(bath);
        body.putArray("custom_fields").addObject().put("name", "Material").put("value", "Linen");

        create(sync.a(), body);

        sync.awaitInSync();
        ObjectNode inB = bySku(sync.b(), "TOWEL-1");
        assertThat(inB.path("variants")).hasSize(6);
        assertThat(inB.path("images")).hasSize(3);
    }

    static Stream<Arguments> fieldGroups() {
        return Stream.of(
                Arguments.of(
                        "prices",
                        JSON.objectNode()
                                .put("price", 31.25)
                                .put("sale_price", 29)
                                .put("retail_price", 35)
                                .put("cost_price", 12.5)
                                .put("map_price", 30)),
                Arguments.of("description and search", seo()),
                Arguments.of(
                        "shipping",
                        JSON.objectNode()
                                .put("weight", 2.5)
                                .put("width", 10)
                                .put("depth", 4)
                                .put("height", 30)
                                .put("is_free_shipping", true)
                                .put("fixed_cost_shipping_price", 4.95)),
                Arguments.of(
                        "visibility",
                        JSON.objectNode()
                                .put("is_visible", false)
                                .put("is_featured", true)
                                .put("sort_order", 7)
                                .put("condition", "Used")
                                .put("is_condition_shown", true)),
                Arguments.of(
                        "inventory",
                        JSON.objectNode()
                                .put("inventory_tracking", "product")
                                .put("inventory_level", 42)
                                .put("inventory_warning_level", 3)),
                Arguments.of(
                        "pre-order",
                        JSON.objectNode()
                                .put("availability", "preorder")
                                .put("preorder_release_date", "2027-01-15T00:00:00+00:00")
                                .put("preorder_message", "Ships in January")
                                .put("is_preorder_only", true)
                                .put("availability_description", "Pre-order now")),
                Arguments.of(
                        "identifiers",
                        JSON.objectNode()
                                .put("upc", "012345678905")
                                .put("mpn", "MPN-77")
                                .put("gtin", "00012345678905")
                                .put("bin_picking_number", "A-12")
                                .put("product_tax_code", "PC040100")
                                .put("warranty", "Two years")),
                Arguments.of(
                        "name and SKU",
                        JSON.objectNode().put("name", "Renamed Mug").put("sku", "RENAMED-MUG")),
                Arguments.of(
                        "order limits and hidden price",
                        JSON.objectNode()
                                .put("order_quantity_minimum", 2)
                                .put("order_quantity_maximum", 10)
                                .put("is_price_hidden", true)
                                .put("price_hidden_label", "Call us")));
    }

    private static ObjectNode seo() {
        ObjectNode seo = JSON.objectNode()
                .put("description", "<p>New & improved, 100% cotton.</p>")
                .put("page_title", "Mug | Northwind")
                .put("meta_description", "A mug")
                .put("search_keywords", "mug,cup")
                .put("open_graph_title", "The mug")
                .put("open_graph_use_product_name", false)
                .put("open_graph_type", "product");
        seo.putArray("meta_keywords").add("mug").add("coffee");
        seo.putObject("custom_url").put("url", "/the-best-mug/").put("is_customized", true);
        return seo;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldGroups")
    void everyFieldGroupFollowsStoreA(String group, ObjectNode change) {
        String sku = "GROUP-" + group.replaceAll("[^a-z]", "").toUpperCase();
        long id = create(sync.a(), product("Mug " + group, sku, 10));
        sync.awaitInSync();
        long inB = bySku(sync.b(), sku).path("id").asLong();

        sync.a().products.update(id, change);

        sync.awaitInSync();
        String now = change.path("sku").asText(sku);
        assertThat(bySku(sync.b(), now).path("id").asLong())
                .as("the same Store B product")
                .isEqualTo(inB);
    }

    @Test
    void brandsAreMatchedByNameOnceAndCreatedWhenMissing() {
        long existingInB = brand(sync.b(), "Fjord");
        long fjord = brand(sync.a(), "Fjord");
        long kestrel = brand(sync.a(), "Kestrel");
        ObjectNode first = product("Fjord Scarf", "BRAND-1", 40).put("brand_id", fjord);
        ObjectNode second = product("Kestrel Cap", "BRAND-2", 25).put("brand_id", kestrel);

        create(sync.a(), first);
        create(sync.a(), second);

        sync.awaitInSync();
        assertThat(bySku(sync.b(), "BRAND-1").path("brand_id").asLong())
                .as("Store B's own Fjord is used")
                .isEqualTo(existingInB);
        assertThat(sync.b()
                        .brands
                        .list(new dev.storesync.sandbox.catalog.ListQuery(Map.of("name", "Fjord")))
                        .total())
                .isEqualTo(1);
    }

    @Test
    void categoriesAreFoundUnderTheirParentNeverByNameAlone() {
        long menA = categoryIn(sync.a(), 0, "Men");
        long womenA = categoryIn(sync.a(), 0, "Women");
        long menShoesA = categoryIn(sync.a(), menA, "Shoes");
        long womenShoesA = categoryIn(sync.a(), womenA, "Shoes");
        long menB = categoryIn(sync.b(), 0, "Men");
        long menShoesB = categoryIn(sync.b(), menB, "Shoes");

        ObjectNode boots = product("Hiking Boot", "CAT-1", 120);
        boots.putArray("categories").add(womenShoesA);
        ObjectNode loafers = product("Loafer", "CAT-2", 90);
        loafers.putArray("categories").add(menShoesA);
        create(sync.a(), boots);
        create(sync.a(), loafers);

        sync.awaitInSync();
        assertThat(bySku(sync.b(), "CAT-2").path("categories").get(0).asLong())
                .as("Store B's existing Men/Shoes")
                .isEqualTo(menShoesB);
        assertThat(bySku(sync.b(), "CAT-1").path("categories").get(0).asLong())
                .as("a new Shoes under Women, not Men's")
                .isNotEqualTo(menShoesB);
    }

    @Test
    void aCategoryMoveMovesStoreBsCategory() {
        long garden = categoryIn(sync.a(), 0, "Garden");
        long outdoor = categoryIn(sync.a(), 0, "Outdoor");
        long tools = categoryIn(sync.a(), garden, "Tools");
        ObjectNode spade = product("Spade", "MOVE-1", 30);
        spade.putArray("categories").add(tools);
        create(sync.a(), spade);
        sync.awaitInSync();
        long toolsInB = bySku(sync.b(), "MOVE-1").path("categories").get(0).asLong();

        sync.a()
                .categories
                .updateBatch(JSON.arrayNode()
                        .add(JSON.objectNode().put("category_id", tools).put("parent_id", outdoor)));

        sync.awaitInSync();
        assertThat(bySku(sync.b(), "MOVE-1").path("categories").get(0).asLong())
                .as("moved, not re-created")
                .isEqualTo(toolsInB);
    }

    @Test
    void aProductStoreBAlreadyHasIsAdoptedBySkuWithItsIds() {
        ObjectNode existing =
                withVariants(product("Canvas Bag", "ADOPT-1", 50), Map.of("Colour", List.of("Red", "Blue")));
        existing.put("description", "Store B's own text");
        create(sync.b(), existing);
        List<Long> idsInB = partIds(bySku(sync.b(), "ADOPT-1"));
        long productInB = bySku(sync.b(), "ADOPT-1").path("id").asLong();

        ObjectNode inA = withVariants(product("Canvas Bag", "ADOPT-1", 55), Map.of("Colour", List.of("Red", "Blue")));
        inA.put("description", "Store A's text");
        create(sync.a(), inA);

        sync.awaitInSync();
        assertThat(countBySku(sync.b(), "ADOPT-1")).isEqualTo(1);
        assertThat(bySku(sync.b(), "ADOPT-1").path("id").asLong()).isEqualTo(productInB);
        assertThat(partIds(bySku(sync.b(), "ADOPT-1"))).isEqualTo(idsInB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TEE+XL", "TEE LONG", "TEE/2", "CAFÉ-9", "Ñ-7", "雪-1"})
    void awkwardSkusSync(String sku) {
        create(sync.a(), withVariants(product("Tee " + sku, sku, 15), Map.of("Fit", List.of("Slim+", "Wide Ü"))));

        sync.awaitInSync();
        assertThat(countBySku(sync.b(), sku)).isEqualTo(1);
    }

    @Test
    void aVariantOnlyChangeSyncsAndKeepsStoreBsIds() {
        long id =
                create(sync.a(), withVariants(product("Merino Sock", "SOCK-1", 12), Map.of("Size", List.of("S", "M"))));
        sync.awaitInSync();
        List<Long> ids = partIds(bySku(sync.b(), "SOCK-1"));
        JsonNode variant = bySku(sync.a(), "SOCK-1").path("variants").get(1);

        sync.a()
                .variants
                .update(
                        id,
                        variant.path("id").asLong(),
                        JSON.objectNode().put("price", 14.5).put("upc", "0000012"));

        sync.awaitInSync();
        assertThat(partIds(bySku(sync.b(), "SOCK-1"))).isEqualTo(ids);
    }

    @Test
    void anOptionValueRenameRenamesInPlace() {
        long id = create(
                sync.a(), withVariants(product("Cedar Lamp", "LAMP-1", 80), Map.of("Colour", List.of("Blu", "Red"))));
        sync.awaitInSync();
        List<Long> ids = partIds(bySku(sync.b(), "LAMP-1"));
        JsonNode option = bySku(sync.a(), "LAMP-1").path("options").get(0);
        JsonNode blu = option.path("option_values").get(0);

        sync.a()
                .options
                .updateValue(
                        id,
                        option.path("id").asLong(),
                        blu.path("id").asLong(),
                        JSON.objectNode().put("label", "Blue"));

        sync.awaitInSync();
        assertThat(partIds(bySku(sync.b(), "LAMP-1")))
                .as("option, value and variant ids")
                .isEqualTo(ids);
    }

    @Test
    void imagesAreAddedChangedRemovedReorderedWithoutReUpload() {
        long id = create(sync.a(), withImages(product("Granite Mug", "IMG-1", 18), 4, "mug"));
        sync.awaitInSync();
        List<JsonNode> imagesA = list(bySku(sync.a(), "IMG-1").path("images"));

        // adding an image fires product/updated (twice)
        sync.a().images.create(id, image("https://images.example.com/mug/new.jpg", 9, "new view"));
        sync.awaitInSync();
        Map<String, Long> byDescription = imageIds(bySku(sync.b(), "IMG-1"));

        // moving the thumbnail fires product/updated
        sync.a()
                .images
                .update(
                        id,
                        imagesA.get(2).path("id").asLong(),
                        JSON.objectNode().put("is_thumbnail", true));
        sync.awaitInSync();

        // changing a file, removing one and reordering fire nothing: a reconcile finds them
        sync.a()
                .images
                .update(
                        id,
                        imagesA.get(1).path("id").asLong(),
                        JSON.objectNode().put("image_url", "https://images.example.com/mug/1-retouched.jpg"));
        sync.a().images.delete(id, imagesA.get(3).path("id").asLong());
        sync.a()
                .images
                .update(
                        id,
                        imagesA.get(0).path("id").asLong(),
                        JSON.objectNode().put("sort_order", 5));
        sync.enqueue("product", id, "reconcile");
        sync.awaitInSync();

        Map<String, Long> after = imageIds(bySku(sync.b(), "IMG-1"));
        assertThat(after).doesNotContainKey("mug view 3");
        for (String kept : List.of("mug view 0", "mug view 1", "mug view 2", "new view")) {
            assertThat(after.get(kept)).as(kept + " keeps its Store B id").isEqualTo(byDescription.get(kept));
        }
    }

    @Test
    void customFieldsFollowByName() {
        ObjectNode body = product("Alpine Jacket", "CF-1", 150);
        body.putArray("custom_fields")
                .add(JSON.objectNode().put("name", "Material").put("value", "Wool"))
                .add(JSON.objectNode().put("name", "Care").put("value", "Dry clean"));
        long id = create(sync.a(), body);
        sync.awaitInSync();
        List<JsonNode> fields = list(bySku(sync.a(), "CF-1").path("custom_fields"));

        sync.a()
                .customFields
                .update(id, fields.get(0).path("id").asLong(), JSON.objectNode().put("value", "Merino"));
        sync.a().customFields.delete(id, fields.get(1).path("id").asLong());
        sync.a().customFields.create(id, JSON.objectNode().put("name", "Origin").put("value", "Portugal"));

        sync.awaitInSync();
    }

    @Test
    void metafieldsFollowTheirWebhooksAndStoreBsOwnAreLeftAlone() {
        long id = create(sync.a(), product("Copper Kettle", "META-1", 60));
        sync.awaitInSync();
        long inB = bySku(sync.b(), "META-1").path("id").asLong();
        long own = sync.b()
                .metafields
                .create(inB, metafield("store-b", "shelf", "A3"))
                .path("id")
                .asLong();

        long origin = sync.a()
                .metafields
                .create(id, metafield("seed", "origin", "PT"))
                .path("id")
                .asLong();
        sync.a().metafields.create(id, metafield("seed", "batch", "42"));
        sync.awaitQuiet();
        sync.a().metafields.update(id, origin, JSON.objectNode().put("value", "VN"));
        sync.awaitQuiet();
        sync.a().metafields.delete(id, origin);
        sync.awaitQuiet();

        List<String> inStoreB =
                list(sync.b()
                                .metafields
                                .list(inB, new dev.storesync.sandbox.catalog.ListQuery(Map.of()))
                                .items())
                        .stream()
                        .map(m -> m.path("namespace").asText() + "/"
                                + m.path("key").asText() + "=" + m.path("value").asText())
                        .toList();
        assertThat(inStoreB).containsExactlyInAnyOrder("store-b/shelf=A3", "seed/batch=42");
        sync.b().metafields.delete(inB, own);
        sync.awaitInSync();
    }

    @Test
    void availabilityFollowsTheListingOnStoreBsChannel() {
        long id = create(sync.a(), product("Velvet Cushion", "AVAIL-1", 22));
        sync.awaitInSync();
        assertThat(bySku(sync.b(), "AVAIL-1").path("availability").asText())
                .as("no listing")
                .isEqualTo("disabled");
        long channel = sync.channel().getAsLong();

        // listings fire nothing; the channel assignment fires store/channel/{id}/product/assigned
        long variant =
                bySku(sync.a(), "AVAIL-1").path("variants").get(0).path("id").asLong();
        ObjectNode listing = JSON.objectNode().put("product_id", id).put("state", "active");
        listing.putArray("variants")
                .addObject()
                .put("product_id", id)
                .put("variant_id", variant)
                .put("state", "active");
        long listingId = sync.a()
                .channels
                .createListings(channel, JSON.arrayNode().add(listing))
                .get(0)
                .path("listing_id")
                .asLong();
        sync.a()
                .channels
                .assign(JSON.arrayNode()
                        .add(JSON.objectNode().put("product_id", id).put("channel_id", channel)));
        sync.awaitInSync();
        assertThat(bySku(sync.b(), "AVAIL-1").path("availability").asText()).isEqualTo("available");

        sync.a()
                .channels
                .updateListings(
                        channel,
                        JSON.arrayNode()
                                .add(JSON.objectNode()
                                        .put("listing_id", listingId)
                                        .put("product_id", id)
                                        .put("state", "disabled")
                                        .set("variants", listing.get("variants"))));
        sync.a().channels.unassign(List.of(id), List.of(channel));
        sync.awaitInSync();
        assertThat(bySku(sync.b(), "AVAIL-1").path("availability").asText()).isEqualTo("disabled");
    }

    @Test
    void aNoOpResyncReadsThreeTimesAndWritesNothingAndIdsSurvive() {
        long id = create(
                sync.a(),
                withImages(
                        withVariants(product("Oaken Board", "NOOP-1", 45), Map.of("Size", List.of("S", "L"))),
                        2,
                        "board"));
        sync.awaitInSync();
        List<Long> ids = partIds(bySku(sync.b(), "NOOP-1"));
        sync.clearRequestCounts();

        sync.enqueue("product", id, "store/product/updated");
        sync.awaitQuiet();

        assertThat(sync.storeB().requests().writes()).isZero();
        assertThat(sync.storeA().requests().writes()).isZero();
        assertThat(sync.storeA().requests().total() + sync.storeB().requests().total())
                .isLessThanOrEqualTo(3);
        assertThat(partIds(bySku(sync.b(), "NOOP-1"))).isEqualTo(ids);
        sync.awaitInSync();
    }

    @Test
    void aPriceChangeOnABigProductTakesAtMostFourCalls() {
        Map<String, List<String>> options =
                linked("Size", List.of("XS", "S", "M", "L", "XL"), "Colour", List.of("Red", "Blue", "Green", "Black"));
        long id = create(
                sync.a(), withImages(withVariants(product("Harbor Sweater", "BUDGET-1", 70), options), 10, "sweater"));
        sync.awaitInSync();
        sync.clearRequestCounts();

        sync.a().products.update(id, JSON.objectNode().put("price", 75));

        sync.awaitInSync();
        List<RequestLog.Entry> calls =
                new java.util.ArrayList<>(sync.storeA().requests().entries());
        calls.addAll(sync.storeB().requests().entries());
        assertThat(calls).as(calls.toString()).hasSizeLessThanOrEqualTo(4);
        assertThat(sync.storeB().requests().writes()).isEqualTo(1);
    }

    @Test
    void variantPriceChangesGoInOneBatch() {
        Map<String, List<String>> options = linked(
                "Size", List.of("S", "M", "L", "XL"), "Colour", List.of("Red", "Blue", "Green", "Black", "White"));
        long id = create(sync.a(), withVariants(product("Kestrel Polo", "BATCH-1", 30), options));
        sync.awaitInSync();
        sync.storeA().webhooks().enabled(false);
        for (JsonNode variant : bySku(sync.a(), "BATCH-1").path("variants")) {
            sync.a()
                    .variants
                    .update(id, variant.path("id").asLong(), JSON.objectNode().put("price", 33));
        }
        sync.storeA().webhooks().enabled(true);
        sync.clearRequestCounts();

        sync.enqueue("product", id, "store/sku/updated");

        sync.awaitInSync();
        assertThat(sync.storeB().requests().count("PUT /catalog/variants")).isEqualTo(1);
        assertThat(sync.storeB().requests().writes()).isEqualTo(1);
    }

    @Test
    void aProductWith260VariantsAnd60ImagesSyncsCompletely() {
        List<String> sizes = new java.util.ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            sizes.add("S" + i);
        }
        Map<String, List<String>> options = linked(
                "Size",
                sizes,
                "Colour",
                List.of("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13"));
        create(sync.a(), withImages(withVariants(product("Atelier Scarf", "BIG-1", 99), options), 60, "scarf"));

        sync.awaitInSync();
        assertThat(bySku(sync.b(), "BIG-1").path("variants")).hasSize(260);
        assertThat(bySku(sync.b(), "BIG-1").path("images")).hasSize(60);
    }

    @Test
    void manyEventsForOneProductNeverMakeTwoProducts() {
        sync.storeA().webhooks().repeatRate(0.5);
        sync.storeB().loseAnswers("POST", 1);
        long id = create(
                sync.a(),
                withVariants(product("Solstice Candle", "RACE-1", 12), Map.of("Scent", List.of("Fig", "Oud"))));
        for (int i = 1; i <= 15; i++) {
            sync.a().products.update(id, JSON.objectNode().put("price", 12 + i));
        }

        sync.awaitInSync();
        sync.storeA().webhooks().repeatRate(0);
        assertThat(countBySku(sync.b(), "RACE-1")).isEqualTo(1);
    }

    private static ObjectNode metafield(String namespace, String key, String value) {
        return JSON.objectNode()
                .put("namespace", namespace)
                .put("key", key)
                .put("value", value)
                .put("permission_set", "read");
    }

    private static Map<String, List<String>> linked(String first, List<String> a, String second, List<String> b) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put(first, a);
        options.put(second, b);
        return options;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<JsonNode> list(List<ObjectNode> items) {
        return List.copyOf(items);
    }

    private static Map<String, Long> imageIds(ObjectNode product) {
        Map<String, Long> ids = new LinkedHashMap<>();
        product.path("images")
                .forEach(i ->
                        ids.put(i.path("description").asText(), i.path("id").asLong()));
        return ids;
    }
}
