package dev.storesync.bench;

import static dev.storesync.testsupport.CatalogBuilder.brand;
import static dev.storesync.testsupport.CatalogBuilder.categoryIn;
import static dev.storesync.testsupport.CatalogBuilder.create;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import dev.storesync.testsupport.Webhooks;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * §10 "API calls" and "no-op re-sync": the calls one sync makes to both stores, counted by the simulator, for the
 * product the original service's figures are about (20 variants, 2 options, 10 images, a brand, 2 categories with one
 * parent each), next to what the original service makes for the same change.
 */
final class EconomyBench {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One change: ours, and the original service's count for it. */
    record Change(String name, StoreCalls ours, int original) {}

    private EconomyBench() {}

    static List<Change> run(FaultRig rig, ServiceProcess service) throws Exception {
        long brandId = brand(rig.a(), "Economy Brand");
        List<Long> categories = List.of(
                categoryIn(rig.a(), categoryIn(rig.a(), 0, "Economy Parent 1"), "Economy Child 1"),
                categoryIn(rig.a(), categoryIn(rig.a(), 0, "Economy Parent 2"), "Economy Child 2"));
        ObjectNode body = EndToEndBench.bigProduct("ECONOMY-1");
        body.put("brand_id", brandId);
        categories.forEach(body.withArray("categories")::add);
        rig.awaitConverged(service);

        Map<String, Runnable> changes = new LinkedHashMap<>();
        long[] id = new long[1];
        changes.put("create", () -> id[0] = create(rig.a(), body));
        changes.put("price change", () -> rig.edit(id[0], 75));
        changes.put("variant change", () -> {
            JsonNode variant = rig.a()
                    .variants
                    .list(id[0], new ListQuery(Map.of()))
                    .items()
                    .get(0);
            rig.a()
                    .variants
                    .update(
                            id[0],
                            variant.path("id").asLong(),
                            JSON.objectNode().put("price", 72.5));
        });
        changes.put("image change (new thumbnail)", () -> {
            JsonNode image =
                    rig.a().images.list(id[0], new ListQuery(Map.of())).items().get(3);
            rig.a()
                    .images
                    .update(id[0], image.path("id").asLong(), JSON.objectNode().put("is_thumbnail", true));
        });
        changes.put("no-op (a webhook, nothing changed)", () -> post(service, id[0]));

        List<Change> measured = new java.util.ArrayList<>();
        for (Map.Entry<String, Runnable> change : changes.entrySet()) {
            StoreCalls.clear(rig.storeA(), rig.storeB());
            change.getValue().run();
            rig.awaitConverged(service);
            StoreCalls ours = StoreCalls.since(rig.storeA(), rig.storeB());
            measured.add(new Change(
                    change.getKey(), ours, OriginalService.calls(change.getKey().equals("create"))));
        }
        return measured;
    }

    private static void post(ServiceProcess service, long productId) {
        try {
            int status = service.postWebhook(
                            Webhooks.product("updated", productId, Instant.now().getEpochSecond()))
                    .statusCode();
            if (status != 200) {
                throw new IllegalStateException("the intake answered " + status);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
