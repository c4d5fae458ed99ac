package dev.storesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.ApiRequest;
import dev.storesync.bigcommerce.Metafield;
import dev.storesync.bigcommerce.Product;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan, without I/O: Store A's product and Store B's in, the writes out. */
class ProductPlannerTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final ProductPlanner planner = new ProductPlanner();

    @Test
    void aCreateCarriesWritableFieldsOnlyWithMappedReferences() {
        ObjectNode a = product(11, "MUG-1", 10);
        a.put("date_created", "2026-01-01T00:00:00+00:00")
                .put("calculated_price", 9)
                .put("base_variant_id", 77)
                .put("tax_class_id", 3)
                .put("option_set_id", 4)
                .put("reviews_count", 2)
                .put("view_count", 50)
                .put("total_sold", 8)
                .put("layout_file", "product.html")
                .put("brand_id", 5);
        a.putArray("related_products").add(-1);
        a.putArray("categories").add(21);

        ProductPlan plan = planner.create(
                new DesiredProduct(Product.from(a), 55, List.of(66L), "disabled", Optional.empty(), List.of()));

        assertThat(plan.creates()).isTrue();
        assertThat(plan.writes()).hasSize(1);
        JsonNode body = body(plan.writes().get(0));
        assertThat(body.has("id")).isFalse();
        for (String never : List.of(
                "date_created",
                "calculated_price",
                "base_variant_id",
                "tax_class_id",
                "option_set_id",
                "reviews_count",
                "view_count",
                "total_sold",
                "layout_file",
                "related_products")) {
            assertThat(body.has(never)).as(never).isFalse();
        }
        assertThat(body.path("brand_id").asLong()).isEqualTo(55);
        assertThat(body.path("categories")).containsExactly(JSON.numberNode(66L));
        assertThat(body.path("availability").asText()).isEqualTo("disabled");
        assertThat(body.path("price").asDouble()).isEqualTo(10);
    }

    @Test
    void nothingToChangeMeansNoWrite() {
        Product a = Product.from(full(11, 10));
        Product b = Product.from(full(91, 10));

        ProductPlan plan = planner.update(desired(a), b, Optional.empty(), ProductMapping.empty(11));

        assertThat(plan.writes()).isEmpty();
    }

    @Test
    void aPriceChangeIsOnePutWithThePriceAlone() {
        Product a = Product.from(full(11, 12.5));
        Product b = Product.from(full(91, 10));

        ProductPlan plan = planner.update(desired(a), b, Optional.empty(), ProductMapping.empty(11));

        assertThat(plan.writes()).hasSize(1);
        assertThat(plan.writes().get(0).request().method()).isEqualTo(ApiRequest.Method.PUT);
        assertThat(plan.writes().get(0).request().path()).isEqualTo("/catalog/products/91");
        assertThat(body(plan.writes().get(0))).isEqualTo(JSON.objectNode().put("price", 12.5));
    }

    @Test
    void tenPointZeroAndTenAreOnePrice() {
        ObjectNode a = full(11, 10);
        ObjectNode b = full(91, 10);
        b.put("price", 10.0).put("weight", 1.00);

        assertThat(planner.update(desired(Product.from(a)), Product.from(b), Optional.empty(), ProductMapping.empty(11))
                        .writes())
                .isEmpty();
    }

    @Test
    void variantChangesGoInBatchesOfFifty() {
        ObjectNode a = product(11, "BIG", 10);
        ObjectNode b = product(91, "BIG", 10);
        ArrayNode aVariants = a.putArray("variants");
        ArrayNode bVariants = b.putArray("variants");
        for (int i = 0; i < 60; i++) {
            aVariants.add(variant(1000 + i, "BIG-" + i, 20, "Size", "V" + i, 500 + i));
            bVariants.add(variant(9000 + i, "BIG-" + i, 19, "Size", "V" + i, 800 + i));
        }
        a.set("options", options(400, "Size", 500, 60));
        b.set("options", options(700, "Size", 800, 60));

        ProductPlan plan =
                planner.update(desired(Product.from(a)), Product.from(b), Optional.empty(), ProductMapping.empty(11));

        assertThat(plan.writes())
                .extracting(w -> w.request().method() + " " + w.request().path())
                .containsExactly("PUT /catalog/variants", "PUT /catalog/variants");
        assertThat(body(plan.writes().get(0))).hasSize(50);
        assertThat(body(plan.writes().get(1))).hasSize(10);
        assertThat(body(plan.writes().get(1)).get(0))
                .isEqualTo(JSON.objectNode().put("price", 20.0).put("id", 9050L));
    }

    @Test
    void aRenamedValueIsRenamedInPlaceThroughTheIdMap() {
        ObjectNode a = product(11, "LAMP", 10);
        a.putArray("variants").add(variant(1000, "LAMP-B", 10, "Colour", "Blue", 500));
        a.set("options", options(400, "Colour", 500, 1));
        ((ObjectNode) a.path("options").get(0).path("option_values").get(0)).put("label", "Blue");
        ObjectNode b = product(91, "LAMP", 10);
        b.putArray("variants").add(variant(9000, "LAMP-B", 10, "Colour", "Blu", 800));
        b.set("options", options(700, "Colour", 800, 1));
        ((ObjectNode) b.path("options").get(0).path("option_values").get(0)).put("label", "Blu");
        ProductMapping mapping = new ProductMapping(
                11,
                91,
                "LAMP",
                List.of(new ProductMapping.OptionPair(400, 700, List.of(new ProductMapping.IdPair(500, 800)))),
                List.of(new ProductMapping.IdPair(1000, 9000)),
                List.of(),
                List.of());

        ProductPlan plan = planner.update(desired(Product.from(a)), Product.from(b), Optional.empty(), mapping);

        assertThat(plan.writes())
                .extracting(w -> w.request().method() + " " + w.request().path())
                .containsExactly("PUT /catalog/products/91/options/700/values/800");
        assertThat(body(plan.writes().get(0)).path("label").asText()).isEqualTo("Blue");
    }

    @Test
    void imagesChangeInPlaceAndOnlyANewFileIsUploadedAgain() {
        ObjectNode a = product(11, "IMG", 10);
        a.putArray("images")
                .add(image(301, 0, true, "front", "https://a.example/zoom-301-v2.jpg"))
                .add(image(302, 1, false, "back", "https://a.example/zoom-302.jpg"))
                .add(image(303, 2, false, "new", "https://a.example/zoom-303.jpg"));
        ObjectNode b = product(91, "IMG", 10);
        b.putArray("images")
                .add(image(901, 0, false, "front", "https://b.example/901.jpg"))
                .add(image(902, 1, true, "back", "https://b.example/902.jpg"))
                .add(image(904, 3, false, "gone", "https://b.example/904.jpg"));
        ProductMapping mapping = new ProductMapping(
                11,
                91,
                "IMG",
                List.of(),
                List.of(),
                List.of(
                        new ProductMapping.ImagePair(301, 901, "https://a.example/zoom-301-v1.jpg"),
                        new ProductMapping.ImagePair(302, 902, "https://a.example/zoom-302.jpg")),
                List.of());

        ProductPlan plan = planner.update(desired(Product.from(a)), Product.from(b), Optional.empty(), mapping);

        assertThat(plan.writes())
                .extracting(w -> w.request().method() + " " + w.request().path())
                .containsExactly(
                        "PUT /catalog/products/91",
                        "DELETE /catalog/products/91/images/904",
                        "POST /catalog/products/91/images");
        assertThat(body(plan.writes().get(0)).path("images"))
                .containsExactly(JSON.objectNode()
                        .put("is_thumbnail", true)
                        .put("image_url", "https://a.example/zoom-301-v2.jpg")
                        .put("id", 901L));
        assertThat(body(plan.writes().get(2)).path("image_url").asText()).isEqualTo("https://a.example/zoom-303.jpg");
    }

    @Test
    void customFieldsByNameRideInTheProductPut() {
        ObjectNode a = product(11, "CF", 10);
        a.putArray("custom_fields")
                .add(JSON.objectNode().put("id", 1).put("name", "Material").put("value", "Merino"))
                .add(JSON.objectNode().put("id", 2).put("name", "Origin").put("value", "PT"));
        ObjectNode b = product(91, "CF", 10);
        b.putArray("custom_fields")
                .add(JSON.objectNode().put("id", 71).put("name", "Material").put("value", "Wool"))
                .add(JSON.objectNode().put("id", 72).put("name", "Care").put("value", "Dry clean"));

        ProductPlan plan =
                planner.update(desired(Product.from(a)), Product.from(b), Optional.empty(), ProductMapping.empty(11));

        assertThat(plan.writes())
                .extracting(w -> w.request().method() + " " + w.request().path())
                .containsExactly("PUT /catalog/products/91", "DELETE /catalog/products/91/custom-fields/72");
        assertThat(body(plan.writes().get(0)).path("custom_fields"))
                .containsExactly(
                        JSON.objectNode()
                                .put("name", "Material")
                                .put("value", "Merino")
                                .put("id", 71L),
                        JSON.objectNode().put("name", "Origin").put("value", "PT"));
    }

    @Test
    void inventoryByVariantStaysOnTheVariants() {
        ObjectNode a = full(11, 10).put("inventory_tracking", "variant").put("inventory_level", 30);
        ObjectNode b = full(91, 10).put("inventory_tracking", "variant").put("inventory_level", 12);

        assertThat(planner.update(desired(Product.from(a)), Product.from(b), Optional.empty(), ProductMapping.empty(11))
                        .writes())
                .as("the product's level is the sum of its variants'")
                .isEmpty();
    }

    @Test
    void onlyMetafieldsThisServicePutThereAreRemoved() {
        Product a = Product.from(full(11, 10));
        Product b = Product.from(full(91, 10));
        List<Metafield> inA = List.of(new Metafield(1, "seed", "origin", "PT", "read", "", "storesync"));
        List<Metafield> inB = List.of(
                new Metafield(81, "seed", "origin", "VN", "read", "", "storesync"),
                new Metafield(82, "seed", "batch", "41", "read", "", "storesync"),
                new Metafield(83, "store-b", "shelf", "A3", "read", "", "storesync"));
        ProductMapping mapping = new ProductMapping(
                11,
                91,
                "SKU",
                List.of(),
                List.of(),
                List.of(),
                List.of(new ProductMapping.IdPair(1, 81), new ProductMapping.IdPair(2, 82)));
        DesiredProduct desired = new DesiredProduct(a, 0, List.of(), "available", Optional.of(inA), List.of());

        ProductPlan plan = planner.update(desired, b, Optional.of(inB), mapping);

        assertThat(plan.writes())
                .extracting(w -> w.request().method() + " " + w.request().path())
                .containsExactly("PUT /catalog/products/91/metafields/81", "DELETE /catalog/products/91/metafields/82");
    }

    private static DesiredProduct desired(Product a) {
        return new DesiredProduct(a, 0, List.of(), a.availability(), Optional.empty(), List.of());
    }

    private static JsonNode body(PlannedWrite write) {
        return (JsonNode) write.request().body();
    }

    private static ObjectNode product(long id, String sku, double price) {
        ObjectNode product = JSON.objectNode()
                .put("id", id)
                .put("name", "Product " + sku)
                .put("type", "physical")
                .put("sku", sku)
                .put("price", price)
                .put("weight", 1)
                .put("availability", "available")
                .put("brand_id", 0);
        product.putArray("categories");
        return product;
    }

    /** A product without options: its base variant only. */
    private static ObjectNode full(long id, double price) {
        ObjectNode product = product(id, "FULL", price);
        product.putArray("variants")
                .add(JSON.objectNode()
                        .put("id", id * 10)
                        .put("product_id", id)
                        .put("sku", "FULL")
                        .putNull("price")
                        .set("option_values", JSON.arrayNode()));
        return product;
    }

    private static JsonNode variant(long id, String sku, double price, String option, String label, long valueId) {
        ObjectNode variant = JSON.objectNode().put("id", id).put("sku", sku).put("price", price);
        variant.putArray("option_values")
                .addObject()
                .put("id", valueId)
                .put("option_id", 0)
                .put("option_display_name", option)
                .put("label", label);
        return variant;
    }

    private static ArrayNode options(long optionId, String name, long firstValue, int values) {
        ObjectNode option = JSON.objectNode()
                .put("id", optionId)
                .put("display_name", name)
                .put("type", "radio_buttons")
                .put("sort_order", 0);
        ArrayNode list = option.putArray("option_values");
        for (int i = 0; i < values; i++) {
            list.addObject()
                    .put("id", firstValue + i)
                    .put("label", "V" + i)
                    .put("sort_order", i)
                    .put("is_default", false)
                    .putNull("value_data");
        }
        return JSON.arrayNode().add(option);
    }

    private static ObjectNode image(long id, int sortOrder, boolean thumbnail, String description, String zoom) {
        return JSON.objectNode()
                .put("id", id)
                .put("sort_order", sortOrder)
                .put("is_thumbnail", thumbnail)
                .put("description", description)
                .put("url_zoom", zoom);
    }
}
