package dev.storesync.sync;

import static dev.storesync.testsupport.CatalogBuilder.bySku;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static dev.storesync.testsupport.CatalogBuilder.withVariants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.queue.SyncTask;
import dev.storesync.queue.TaskStatus;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.testsupport.EndToEndTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Variants as real stores treat them: option values fixed for a variant's life, new variants of an existing product
 * naming their values by id, SKU-less variants made in the control panel, and a base variant that follows its product.
 * Store A is edited as a merchant edits it in the control panel; each test ends with Store B matching Store A.
 */
class VariantFidelityTest extends EndToEndTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void anOptionAddedInStoreAGivesStoreBsVariantsTheNewValues() {
        long id = create(sync.a(), withVariants(product("Field Tee", "TEE", 20), sizes("S", "M")));
        sync.awaitInSync();

        // the control panel regenerates the variants when an option is added: same SKUs, new combinations
        for (JsonNode variant : bySku(sync.a(), "TEE").path("variants")) {
            sync.a().variants.delete(id, variant.path("id").asLong());
        }
        for (String size : List.of("S", "M")) {
            sync.a().variants.createInDashboard(id, variant("TEE-" + size, "Size", size, "Colour", "Red"));
        }

        sync.awaitInSync();
        assertThat(bySku(sync.b(), "TEE").path("variants")).hasSize(2);
    }

    @Test
    void aNewVariantWithANewValueIsCreatedWithTheValuesStoreBIds() {
        long id = create(sync.a(), withVariants(product("Rain Coat", "COAT", 90), sizes("S", "M")));
        sync.awaitInSync();
        sync.storeB().requests().clear();

        sync.a().variants.createInDashboard(id, variant("COAT-L", "Size", "L"));

        sync.awaitInSync();
        List<RequestLog.Entry> creates = sync.storeB().requests().entries().stream()
                .filter(e -> e.operation().equals("POST /catalog/products/{product_id}/variants"))
                .toList();
        assertThat(creates).hasSize(1);
        assertThat(creates.get(0).body().path("option_values").get(0).has("id"))
                .as("named by id, as the API wants for a product that exists")
                .isTrue();
    }

    @Test
    void droppingAnOptionRemovesItsVariantsWithTheOptionNotOneByOne() {
        ObjectNode body = withVariants(
                product("Wool Scarf", "SCARF", 30),
                Map.of("Length", List.of("Short", "Long"), "Colour", List.of("Grey", "Navy")));
        long id = create(sync.a(), body);
        sync.awaitInSync();
        sync.storeB().requests().clear();

        JsonNode colour = option(bySku(sync.a(), "SCARF"), "Colour");
        sync.a().options.delete(id, colour.path("id").asLong());
        for (String length : List.of("Short", "Long")) {
            sync.a().variants.createInDashboard(id, variant("SCARF-" + length, "Length", length));
        }

        sync.awaitInSync();
        assertThat(sync.storeB().requests().count("DELETE /catalog/products/{product_id}/options/{option_id}"))
                .isEqualTo(1);
        assertThat(sync.storeB().requests().count("DELETE /catalog/products/{product_id}/variants/{variant_id}"))
                .as("the option's delete removes its variants")
                .isZero();
    }

    @Test
    void aPriceChangeOfAProductWithoutOptionsIsOneWrite() {
        long id = create(sync.a(), product("Brass Hook", "HOOK", 4));
        sync.awaitInSync();
        sync.storeB().requests().clear();

        sync.a().products.update(id, JSON.objectNode().put("price", 4.5).put("weight", 2));

        sync.awaitInSync();
        assertThat(sync.storeB().requests().entries().stream().filter(RequestLog.Entry::write))
                .as("the base variant follows the product")
                .extracting(RequestLog.Entry::operation)
                .containsExactly("PUT /catalog/products/{product_id}");
    }

    @Test
    void aVariantWithoutSkuIsNeverSentWithAnEmptyOneAndArrivesOnceItHasOne() {
        long id = create(sync.a(), withVariants(product("Linen Shirt", "SHIRT", 40), sizes("S", "M")));
        sync.awaitInSync();

        JsonNode large = sync.a().variants.createInDashboard(id, variant("", "Size", "L"));
        sync.a().products.update(id, JSON.objectNode().put("price", 42));

        SyncTask dead = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> sync.service()
                                .queue()
                                .find("storeb:product:" + id)
                                .orElseThrow(),
                        task -> task.status() == TaskStatus.DEAD);
        assertThat(dead.lastError().orElseThrow().message())
                .contains("has no SKU, and Store B's API creates a variant only with one");
        assertThat(bySku(sync.b(), "SHIRT").path("price").asDouble())
                .as("the rest arrived")
                .isEqualTo(42);
        assertThat(sync.storeB().requests().entries())
                .as("no request carries an empty SKU")
                .noneMatch(e -> e.body() != null && e.body().toString().contains("\"sku\":\"\""));

        sync.a()
                .variants
                .update(id, large.path("id").asLong(), JSON.objectNode().put("sku", "SHIRT-L"));

        sync.awaitInSync();
    }

    @Test
    void aProductMatchedThroughAVariantsSkuTakesTheSkuOnceTheVariantIsGone() {
        create(sync.b(), withVariants(product("Plain Tee", "PLAIN-TEE", 15), Map.of("Colour", List.of("Red", "Blue"))));
        // the Store B variant PLAIN-TEE-Red holds the SKU Store A's product has
        create(sync.a(), product("Red Tee", "PLAIN-TEE-Red", 15));

        sync.awaitInSync();
        assertThat(bySku(sync.b(), "PLAIN-TEE-Red").path("name").asText()).isEqualTo("Red Tee");
    }

    private static Map<String, List<String>> sizes(String... labels) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put("Size", List.of(labels));
        return options;
    }

    /** A control-panel variant: values named by option and label, the SKU possibly empty. */
    private static ObjectNode variant(String sku, String... optionAndLabel) {
        ObjectNode variant = JSON.objectNode().put("sku", sku);
        var values = variant.putArray("option_values");
        for (int i = 0; i < optionAndLabel.length; i += 2) {
            values.addObject().put("option_display_name", optionAndLabel[i]).put("label", optionAndLabel[i + 1]);
        }
        return variant;
    }

    private static JsonNode option(JsonNode product, String displayName) {
        for (JsonNode option : product.path("options")) {
            if (option.path("display_name").asText().equals(displayName)) {
                return option;
            }
        }
        throw new AssertionError("no option " + displayName);
    }
}
