package dev.storesync.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.Brand;
import dev.storesync.queue.ClaimedTask;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync-brand route's one step. BigCommerce sends no brand webhooks, so brand tasks come from reconcile runs: a
 * brand Store B already has (through the id map) gets Store A's name and fields again; one that is gone from Store B is
 * found by name or created anew. A brand gone from Store A is left alone in Store B (its products may still use it).
 */
public final class BrandSteps {
    private static final Logger LOG = LoggerFactory.getLogger(BrandSteps.class);

    private final BigCommerceStore storeA;
    private final BigCommerceStore storeB;
    private final IdMap idMap;
    private final BrandResolver brands;
    private final StoreAGuard guard;

    BrandSteps(BigCommerceStore storeA, BigCommerceStore storeB, IdMap idMap, BrandResolver brands, StoreAGuard guard) {
        this.storeA = storeA;
        this.storeB = storeB;
        this.idMap = idMap;
        this.brands = brands;
        this.guard = guard;
    }

    public void sync(@Body ClaimedTask task) {
        long aBrand = task.resourceId();
        Optional<Brand> source = storeA.brand(aBrand);
        if (source.isEmpty()) {
            guard.confirmStoreAnswers("brand " + aBrand);
            LOG.info("brand {} is gone from Store A; Store B keeps its brand", aBrand);
            return;
        }
        OptionalLong mapped = idMap.find(IdMap.BRAND, aBrand);
        Optional<Brand> target = mapped.isPresent() ? storeB.brand(mapped.getAsLong()) : Optional.empty();
        if (target.isEmpty()) {
            idMap.forget(IdMap.BRAND, aBrand);
            long created = brands.resolve(aBrand);
            LOG.info(
                    "brand {} ('{}') placed in Store B as brand {}",
                    aBrand,
                    source.get().name(),
                    created);
            return;
        }
        ObjectNode changes = changes(source.get(), target.get(), idMap.uploadedImage(IdMap.BRAND, aBrand));
        if (!changes.isEmpty()) {
            storeB.updateBrand(target.get().id(), changes);
            WritableFields.sentImage(changes)
                    .ifPresent(
                            image -> idMap.put(IdMap.BRAND, aBrand, target.get().id(), image));
            LOG.info(
                    "brand {} ('{}') synced to Store B brand {}",
                    aBrand,
                    source.get().name(),
                    target.get().id());
        }
    }

    /** @param uploaded Store A's image address Store B's copy was made from, when known */
    static ObjectNode changes(Brand source, Brand target, Optional<String> uploaded) {
        return WritableFields.changesWithRehostedImage(
                WritableFields.copy(source.fields(), WritableFields.BRAND), target.fields(), uploaded);
    }
}
