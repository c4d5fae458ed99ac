package dev.storesync.sync;

import dev.storesync.bigcommerce.StoreClients;
import dev.storesync.config.Settings;
import dev.storesync.persistence.Database;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;

/** Builds the sync beans the routes use, by the names they use. */
public final class SyncEngine {
    public static final String PRODUCT_ROUTE = "direct:sync-product";
    public static final String CATEGORY_ROUTE = "direct:sync-category";
    public static final String BRAND_ROUTE = "direct:sync-brand";

    private SyncEngine() {}

    public static Map<String, Object> beans(
            Settings settings,
            StoreClients stores,
            Database database,
            Supplier<ProducerTemplate> template,
            Clock clock) {
        IdMap idMap = new IdMap(database, settings.destination(), clock);
        StoreBTree tree = new StoreBTree(stores.storeB());
        CategoryResolver categories = new CategoryResolver(stores.storeA(), stores.storeB(), idMap, tree);
        AvailabilityRule availability = new AvailabilityRule(settings.storeBChannelOnStoreA(), stores.storeA());
        ProductSteps productSteps = new ProductSteps(
                stores.storeA(), stores.storeB(), idMap, categories, availability, settings.deletePolicy());
        Map<String, Object> beans = new LinkedHashMap<>();
        beans.put("idMap", idMap);
        beans.put("productSteps", productSteps);
        beans.put(
                "categorySteps",
                new CategorySteps(stores.storeA(), stores.storeB(), idMap, categories, settings.deletePolicy()));
        beans.put("brandSteps", new BrandSteps(stores.storeA(), stores.storeB(), idMap));
        beans.put(
                "catalogCompare",
                new CatalogCompare(stores.storeA(), stores.storeB(), idMap, categories, availability, tree));
        beans.put("backfill", new Backfill(stores.storeB(), productSteps, idMap));
        beans.put("productHandler", new RouteTaskHandler(IdMap.PRODUCT, PRODUCT_ROUTE, template));
        beans.put("categoryHandler", new RouteTaskHandler(IdMap.CATEGORY, CATEGORY_ROUTE, template));
        beans.put("brandHandler", new RouteTaskHandler(IdMap.BRAND, BRAND_ROUTE, template));
        return beans;
    }
}
