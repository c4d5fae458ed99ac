package dev.storesync.bench;

import static dev.storesync.testsupport.CatalogBuilder.create;
import static dev.storesync.testsupport.CatalogBuilder.product;
import static dev.storesync.testsupport.CatalogBuilder.withImages;
import static dev.storesync.testsupport.CatalogBuilder.withVariants;

import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * §10 "webhook → Store B updated" with both stores answering in 100 ms: from the edit in Store A to Store B's answer
 * to the sync's last write, for a simple product's price, and for a product with 20 variants and 10 images, created
 * (first sync) and then repriced. One edit at a time, each measured on its own.
 */
final class EndToEndBench {
    static final Duration API_LATENCY = Duration.ofMillis(100);

    /** Milliseconds from edit to Store B updated, per case. */
    record Cases(Distribution simple, Distribution bigFirstSync, Distribution bigUpdate) {}

    private EndToEndBench() {}

    static Cases run(FaultRig rig, ServiceProcess service, int samples) {
        long simple = create(rig.a(), product("Bench Mug", "E2E-SIMPLE", 10));
        rig.awaitConverged(service);
        rig.storeA().latency(API_LATENCY);
        rig.storeB().latency(API_LATENCY);
        try {
            List<Long> simpleMs = new ArrayList<>();
            List<Long> firstMs = new ArrayList<>();
            List<Long> updateMs = new ArrayList<>();
            List<Long> big = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                int n = i;
                simpleMs.add(measure(rig, service, () -> rig.edit(simple, 20 + n)));
            }
            for (int i = 0; i < samples; i++) {
                String sku = "E2E-BIG-" + i;
                firstMs.add(measure(rig, service, () -> big.add(create(rig.a(), bigProduct(sku)))));
            }
            for (long id : big) {
                updateMs.add(measure(rig, service, () -> rig.edit(id, 99)));
            }
            return new Cases(Distribution.of(simpleMs), Distribution.of(firstMs), Distribution.of(updateMs));
        } finally {
            rig.storeA().latency(Duration.ZERO);
            rig.storeB().latency(Duration.ZERO);
        }
    }

    /** 20 variants (5 sizes × 4 colours, so 2 options) and 10 images. */
    static com.fasterxml.jackson.databind.node.ObjectNode bigProduct(String sku) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put("Size", List.of("XS", "S", "M", "L", "XL"));
        options.put("Colour", List.of("Red", "Blue", "Green", "Black"));
        return withImages(withVariants(product("Bench Sweater " + sku, sku, 70), options), 10, sku.toLowerCase());
    }

    private static long measure(FaultRig rig, ServiceProcess service, Runnable edit) {
        StoreCalls.clear(rig.storeA(), rig.storeB());
        Instant edited = Instant.now();
        edit.run();
        rig.awaitConverged(service);
        return Duration.between(edited, StoreCalls.lastWriteAnswered(rig.storeB()))
                .toMillis();
    }
}
