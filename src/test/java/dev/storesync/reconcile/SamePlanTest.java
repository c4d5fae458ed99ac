package dev.storesync.reconcile;

import static dev.storesync.reconcile.ReconcileTest.awaitFinished;
import static dev.storesync.reconcile.ReconcileTest.start;
import static dev.storesync.testsupport.CatalogBuilder.brand;
import static dev.storesync.testsupport.CatalogBuilder.categoryIn;
import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.image;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static dev.storesync.testsupport.CatalogBuilder.withImages;
import static dev.storesync.testsupport.CatalogBuilder.withVariants;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.RequestLog;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.SyncHarness;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin API's dry run, a reconcile run's comparison and a real sync plan a product through one pipeline: for the
 * same product in the same state, the three make the same writes, in the same order, with the same bodies.
 */
class SamePlanTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String STORE_B_API = "/stores/storeb/v3";

    @TempDir
    Path dir;

    @Test
    void theDryRunAReconcileAndTheSyncPlanTheSameWrites() throws Exception {
        try (SyncHarness sync = SyncHarness.builder(dir).start()) {
            long north = brand(sync.a(), "Northwind");
            long south = brand(sync.a(), "Southwind");
            long home = categoryIn(sync.a(), 0, "Home");
            long bath = categoryIn(sync.a(), home, "Bath");
            long kitchen = categoryIn(sync.a(), home, "Kitchen");
            ObjectNode towel = withImages(
                    withVariants(product("Linen Towel", "SAME-1", 19.5), Map.of("Size", List.of("S", "M", "L"))),
                    3,
                    "towel");
            towel.put("brand_id", north).putArray("categories").add(bath);
            towel.putArray("custom_fields").addObject().put("name", "Material").put("value", "Linen");
            long id = create(sync.a(), towel);
            // another product brings the brand and the category the towel moves to, so nothing is left to create
            ObjectNode pan = product("Copper Pan", "SAME-2", 45);
            pan.put("brand_id", south).putArray("categories").add(kitchen);
            create(sync.a(), pan);
            sync.awaitInSync();

            sync.storeA().webhooks().enabled(false);
            mixedEdits(sync, id, south, kitchen);

            JsonNode dryRun = adminGet(sync, "/admin/api/diff/products/" + id);
            List<String> planned = new ArrayList<>();
            List<JsonNode> bodies = new ArrayList<>();
            for (JsonNode write : dryRun.path("writes")) {
                planned.add(
                        write.path("method").asText() + " " + write.path("path").asText() + " ("
                                + write.path("purpose").asText() + ")");
                bodies.add(write.path("body"));
            }
            assertThat(planned)
                    .as("the edits need fields, variants, images and custom fields written")
                    .hasSizeGreaterThanOrEqualTo(4);
            assertThat(dryRun.path("wouldCreate")).isEmpty();

            JsonNode run = awaitFinished(sync, start(sync, "{\"dryRun\":true,\"resources\":[\"products\"]}"));
            List<String> reconciled = new ArrayList<>();
            for (JsonNode drift : run.path("drift")) {
                if (drift.path("storeAId").asLong() == id) {
                    drift.path("writes").forEach(w -> reconciled.add(w.asText()));
                }
            }
            assertThat(reconciled).as("the reconcile's comparison").isEqualTo(planned);

            sync.storeB().requests().clear();
            sync.enqueue("product", id, "store/product/updated");
            sync.awaitInSync();
            List<String> written = new ArrayList<>();
            List<JsonNode> sent = new ArrayList<>();
            for (RequestLog.Entry entry : sync.storeB().requests().entries()) {
                if (entry.write()) {
                    String path = entry.path().substring(STORE_B_API.length());
                    written.add(entry.method() + " " + path + (entry.query().isEmpty() ? "" : "?" + entry.query()));
                    sent.add(entry.body() == null ? JSON.nullNode() : entry.body());
                }
            }
            assertThat(written)
                    .as("the sync's writes")
                    .isEqualTo(planned.stream()
                            .map(p -> p.substring(0, p.indexOf(" (")))
                            .toList());
            assertThat(sent).as("the sync's bodies").isEqualTo(bodies);
        }
    }

    /** Price and name, a variant's price, one image gone and one new, a custom field, another brand and category. */
    private static void mixedEdits(SyncHarness sync, long id, long brand, long category) {
        ObjectNode fields = JSON.objectNode()
                .put("price", 21.75)
                .put("name", "Linen Bath Towel")
                .put("brand_id", brand);
        fields.putArray("categories").add(category);
        sync.a().products.update(id, fields);
        JsonNode variant =
                sync.a().variants.list(id, new ListQuery(Map.of())).items().get(1);
        sync.a()
                .variants
                .update(id, variant.path("id").asLong(), JSON.objectNode().put("price", 24));
        JsonNode lastImage =
                sync.a().images.list(id, new ListQuery(Map.of())).items().get(2);
        sync.a().images.delete(id, lastImage.path("id").asLong());
        sync.a().images.create(id, image("https://images.example.com/towel/new.jpg", 7, "towel folded"));
        sync.a().customFields.create(id, JSON.objectNode().put("name", "Care").put("value", "40 degrees"));
    }

    private static JsonNode adminGet(SyncHarness sync, String path) throws Exception {
        HttpResponse<String> answer = sync.service().get(sync.service().port(), path);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return MAPPER.readTree(answer.body());
    }
}
