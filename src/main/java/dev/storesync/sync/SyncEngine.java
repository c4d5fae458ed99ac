package dev.storesync.sync;

import dev.storesync.bigcommerce.StoreClients;
import dev.storesync.config.Settings;
import dev.storesync.persistence.Database;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;

/** Builds the sync beans the routes use, by the names they use. */
public final class SyncEngine {
    public static final String PRODUCT_ROUTE = "direct:sync-product";
    public static final String CATEGORY_ROUTE = "direct:sync-category";

    private SyncEngine() {}

    public static Map<String, Object> beans(
            Settings settings,
            StoreClients stores,
            Database database,
            Supplier<ProducerTemplate> template,
            Clock clock) {
        IdMap idMap = new IdMap(database, settings.destination(), clock);
        CategoryResolver categories =
                new CategoryResolver(stores.storeA(), stores.storeB(), idMap, new StoreBTree(stores.storeB()));
        AvailabilityRule availability = new AvailabilityRule(settings.storeBChannelOnStoreA(), stores.storeA());
        return Map.of(
                "idMap",
                idMap,
                "productSteps",
                new ProductSteps(
                        stores.storeA(), stores.storeB(), idMap, categories, availability, settings.deletePolicy()),
                "categorySteps",
                new CategorySteps(stores.storeA(), stores.storeB(), idMap, categories, settings.deletePolicy()),
                "productHandler",
                new RouteTaskHandler(IdMap.PRODUCT, PRODUCT_ROUTE, template),
                "categoryHandler",
                new RouteTaskHandler(IdMap.CATEGORY, CATEGORY_ROUTE, template));
    }
}
