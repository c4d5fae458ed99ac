package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.brand;
import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.image;
import static dev.storesync.testsupport.CatalogBuilder.metafield;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static dev.storesync.testsupport.CatalogBuilder.withImages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import dev.storesync.queue.TaskStatus;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.EndToEndTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Brands, categories and what hangs off a product, as real stores treat them; each test ends with Store B matching
 * Store A.
 */
class CatalogFidelityTest extends EndToEndTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void brandAndCategoryImagesAreUploadedOnceThoughTheStoresRehostThem() {
        ObjectNode lamps = JSON.objectNode()
                .put("name", "Lamps")
                .put("tree_id", 1)
                .put("image_url", "https://images.example.com/lamps.png");
        long category = sync.a()
                .categories
                .createBatch(JSON.arrayNode().add(lamps))
                .get(0)
                .path("category_id")
                .asLong();
        long lux = sync.a()
                .brands
                .create(JSON.objectNode()
                        .put("name", "Lux")
                        .put("image_url", "https://images.example.com/lux-logo.png"))
                .path("id")
                .asLong();
        ObjectNode lamp = product("Desk Lamp", "DESK-1", 35).put("brand_id", lux);
        lamp.putArray("categories").add(category);
        create(sync.a(), lamp);
        sync.awaitInSync();
        assertThat(sync.b()
                        .brands
                        .list(new ListQuery(Map.of("name", "Lux")))
                        .items()
                        .get(0)
                        .path("image_url")
                        .asText())
                .as("Store B answers its own copy's address")
                .startsWith("https://cdn11.bigcommerce.com/s-storeb/")
                .endsWith("lux-logo.png");
        sync.clearRequestCounts();

        JsonNode run = sync.reconcile("{\"resources\":[\"categories\",\"brands\"]}");
        sync.awaitQuiet();

        assertThat(run.path("driftCount").asLong()).as(run.toString()).isZero();
        assertThat(sync.storeB().requests().writes())
                .as("nothing is uploaded again")
                .isZero();
    }

    @Test
    void imagesAreCopiedFromTheOriginalFileNotTheResizedOne() {
        create(sync.a(), withImages(product("Oak Stool", "STOOL-1", 60), 2, "stool"));

        sync.awaitInSync();
        List<String> uploaded = new ArrayList<>();
        bySku(sync.b(), "STOOL-1")
                .path("images")
                .forEach(i -> uploaded.add(sync.b()
                        .images
                        .source(i.path("product_id").asLong(), i.path("id").asLong())));
        assertThat(uploaded).hasSize(2).allSatisfy(url -> assertThat(url)
                .contains("/images/stencil/original/products/"));
    }

    @Test
    void aDifferentImageInTheSamePlaceIsReplacedNotKept() {
        ObjectNode theirs = product("Wall Clock", "CLOCK-1", 25);
        theirs.putArray("images").add(image("https://images.example.com/somebody-else.jpg", 0, ""));
        create(sync.b(), theirs);
        ObjectNode ours = product("Wall Clock", "CLOCK-1", 25);
        ours.putArray("images").add(image("https://images.example.com/clock.jpg", 0, ""));

        create(sync.a(), ours);

        sync.awaitInSync();
    }

    @Test
    void imagesCopiedEarlierArePairedByTheirFileWhenTheIdMapForgotThem() {
        long id = create(sync.a(), withImages(product("Teak Tray", "TRAY-1", 30), 3, "tray"));
        sync.awaitInSync();
        sync.service().db().getCollection("id_map").deleteOne(Filters.eq("_id", "storeb:product:" + id));
        sync.clearRequestCounts();

        sync.a().products.update(id, JSON.objectNode().put("price", 31));

        sync.awaitInSync();
        assertThat(sync.storeB().requests().entries().stream().filter(RequestLog.Entry::write))
                .as("no image is uploaded again")
                .extracting(RequestLog.Entry::operation)
                .containsExactly("PUT /catalog/products/{product_id}");
    }

    @Test
    void anotherAppsMetafieldsInStoreBAreLeftAloneAndNeverFailTheSync() {
        long id = create(sync.a(), product("Garden Bench", "BENCH-1", 120));
        sync.awaitInSync();
        long inB = bySku(sync.b(), "BENCH-1").path("id").asLong();
        ObjectNode theirs = metafield("reviews", "score", "4.1");
        long other = sync.b()
                .metafields
                .createAs("reviews-app", inB, theirs)
                .path("id")
                .asLong();

        long ours = sync.a()
                .metafields
                .create(id, theirs.deepCopy().put("value", "4.8"))
                .path("id")
                .asLong();
        sync.awaitInSync();
        sync.a().metafields.delete(id, ours);
        sync.awaitInSync();

        assertThat(sync.b()
                        .metafields
                        .get(inB, other, ListQuery.empty())
                        .path("value")
                        .asText())
                .as("another app's metafield is that app's")
                .isEqualTo("4.1");
        assertThat(sync.service()
                        .queue()
                        .find("storeb:product:" + id)
                        .orElseThrow()
                        .status())
                .isEqualTo(TaskStatus.DONE);
    }

    @Test
    void bulkPricingRulesAndVideosArriveAndFollowTheirChanges() {
        ObjectNode kettle = product("Iron Kettle", "KETTLE-9", 48);
        kettle.putArray("bulk_pricing_rules")
                .add(JSON.objectNode()
                        .put("quantity_min", 2)
                        .put("quantity_max", 4)
                        .put("type", "percent")
                        .put("amount", 5))
                .add(JSON.objectNode()
                        .put("quantity_min", 5)
                        .put("quantity_max", 0)
                        .put("type", "percent")
                        .put("amount", 10));
        kettle.putArray("videos")
                .add(JSON.objectNode()
                        .put("video_id", "dQw4w9WgXcQ")
                        .put("title", "Brewing")
                        .put("sort_order", 1));
        long id = create(sync.a(), kettle);
        sync.awaitInSync();
        assertThat(sync.b()
                        .products
                        .list(new ListQuery(Map.of("sku", "KETTLE-9", "include", "bulk_pricing_rules")))
                        .items()
                        .get(0)
                        .path("bulk_pricing_rules"))
                .hasSize(2);

        JsonNode inA = sync.a().products.get(id, new ListQuery(Map.of("include", "bulk_pricing_rules,videos")));
        sync.a()
                .bulkPricingRules
                .update(
                        id,
                        inA.path("bulk_pricing_rules").get(1).path("id").asLong(),
                        JSON.objectNode().put("amount", 12));
        sync.a().videos.delete(id, inA.path("videos").get(0).path("id").asLong());
        sync.a()
                .videos
                .create(id, JSON.objectNode().put("video_id", "9bZkp7q19f0").put("title", "Cleaning"));
        sync.awaitInSync();

        sync.clearRequestCounts();
        sync.enqueue("product", id, "store/product/updated");
        sync.awaitQuiet();
        assertThat(sync.storeB().requests().writes()).as("a second sync").isZero();
    }

    @Test
    void aBrandStoreBHasInAnotherCaseIsAdoptedNotCreated() {
        long acme = brand(sync.b(), "Acme");
        ObjectNode anvil = product("Anvil", "ANVIL-1", 80);
        anvil.put("brand_id", brand(sync.a(), "ACME"));
        create(sync.a(), anvil);

        sync.awaitInSync();
        assertThat(bySku(sync.b(), "ANVIL-1").path("brand_id").asLong()).isEqualTo(acme);
        assertThat(sync.b().brands.list(new ListQuery(Map.of("limit", "250"))).items().stream()
                        .filter(b -> b.path("name").asText().equalsIgnoreCase("acme")))
                .as("one brand, in Store A's spelling")
                .singleElement()
                .satisfies(b -> assertThat(b.path("name").asText()).isEqualTo("ACME"));
    }
}
