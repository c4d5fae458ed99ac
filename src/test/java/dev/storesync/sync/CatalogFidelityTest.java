package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.brand;
import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.EndToEndTest;
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
