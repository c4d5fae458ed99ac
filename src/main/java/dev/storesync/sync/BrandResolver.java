package dev.storesync.sync;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.Brand;
import dev.storesync.bigcommerce.PermanentApiException;
import dev.storesync.queue.PermanentSyncException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * Finds the Store B brand for a Store A brand: through the id map, else by exact name the first time, else by creating
 * it. BigCommerce sends no brand webhooks; a brand is brought over when a product needs it.
 */
final class BrandResolver {
    private final BigCommerceStore storeA;
    private final BigCommerceStore storeB;
    private final IdMap idMap;

    BrandResolver(BigCommerceStore storeA, BigCommerceStore storeB, IdMap idMap) {
        this.storeA = storeA;
        this.storeB = storeB;
        this.idMap = idMap;
    }

    /** @return the Store B brand id, 0 when the product has no brand (or Store A no longer has it) */
    long resolve(long aBrand) {
        return lookUp(aBrand, source -> {
            long target = findInB(source.name()).orElseGet(() -> create(source));
            idMap.put(IdMap.BRAND, aBrand, target);
            return target;
        });
    }

    /** Like {@link #resolve} without writing anything: a brand Store B lacks is named in {@code wouldCreate}. */
    long peek(long aBrand, List<String> wouldCreate) {
        return lookUp(aBrand, source -> findInB(source.name()).orElseGet(() -> {
            wouldCreate.add("brand '" + source.name() + "'");
            return CategoryResolver.NOT_YET;
        }));
    }

    /** The mapped Store B id, else what {@code unmapped} makes of Store A's brand; 0 for no brand or a gone one. */
    private long lookUp(long aBrand, ToLongFunction<Brand> unmapped) {
        if (aBrand == 0) {
            return 0;
        }
        OptionalLong mapped = idMap.find(IdMap.BRAND, aBrand);
        if (mapped.isPresent()) {
            return mapped.getAsLong();
        }
        return storeA.brand(aBrand).map(unmapped::applyAsLong).orElse(0L);
    }

    private Optional<Long> findInB(String name) {
        return storeB.brandNamed(name).map(Brand::id);
    }

    private long create(Brand brand) {
        try {
            ObjectNode fields = WritableFields.copy(brand.fields(), WritableFields.BRAND);
            long created = storeB.createBrand(fields);
            idMap.put(IdMap.BRAND, brand.id(), created, fields.path("image_url").asText());
            return created;
        } catch (PermanentApiException refused) {
            // another worker may have created it a moment ago; or Store B has it in another case (brand names are
            // unique regardless of case, brands spec), which the exact name filter does not find: it is adopted, and
            // takes Store A's spelling
            return findInB(brand.name())
                    .or(() -> storeB.brandNamedInAnyCase(brand.name()).map(other -> {
                        storeB.updateBrand(
                                other.id(),
                                JsonNodeFactory.instance.objectNode().put("name", brand.name()));
                        return other.id();
                    }))
                    .orElseThrow(() -> new PermanentSyncException(
                            "brand " + brand.id() + " ('" + brand.name() + "') cannot be created in Store B: "
                                    + refused.getMessage(),
                            refused));
        }
    }
}
