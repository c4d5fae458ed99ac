package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceException;
import dev.storesync.bigcommerce.StoreClients;
import dev.storesync.config.InvalidSettingsException;
import dev.storesync.config.LazyTemplate;
import dev.storesync.config.Settings;
import dev.storesync.persistence.Database;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine's beans (DESIGN §3, §6), each built once: the resolvers, rule, matcher and planner the product
 * pipeline owns, the route steps that use it, the dry run, the comparisons reconcile runs use, and one task handler
 * per resource type. Kept in this package so that the collaborators stay package-private.
 */
@Configuration
public class SyncConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SyncConfiguration.class);
    private static final String PRODUCT_ROUTE = "{{storesync.endpoint.sync-product}}";
    private static final String CATEGORY_ROUTE = "{{storesync.endpoint.sync-category}}";
    private static final String BRAND_ROUTE = "{{storesync.endpoint.sync-brand}}";

    @BindToRegistry(lazy = true)
    public IdMap idMap(Database database, Settings settings, Clock clock) {
        return new IdMap(database, settings.destination(), clock);
    }

    @BindToRegistry(lazy = true)
    public StoreAGuard storeAGuard(StoreClients stores) {
        return new StoreAGuard(stores.storeA());
    }

    @BindToRegistry(lazy = true)
    public StoreBTree storeBTree(StoreClients stores) {
        return new StoreBTree(stores.storeB());
    }

    @BindToRegistry(lazy = true)
    public BrandResolver brandResolver(StoreClients stores, IdMap idMap) {
        return new BrandResolver(stores.storeA(), stores.storeB(), idMap);
    }

    @BindToRegistry(lazy = true)
    public CategoryResolver categoryResolver(StoreClients stores, IdMap idMap, StoreBTree tree) {
        return new CategoryResolver(stores.storeA(), stores.storeB(), idMap, tree);
    }

    @BindToRegistry(lazy = true)
    public AvailabilityRule availabilityRule(Settings settings, StoreClients stores) {
        return new AvailabilityRule(settings.storeBChannelOnStoreA(), stores.storeA());
    }

    @BindToRegistry(lazy = true)
    public ProductMatcher productMatcher(StoreClients stores, IdMap idMap) {
        return new ProductMatcher(stores.storeB(), idMap);
    }

    @BindToRegistry(lazy = true)
    public ProductPlanner productPlanner() {
        return new ProductPlanner();
    }

    @BindToRegistry(lazy = true)
    public ProductPipeline productPipeline(
            StoreClients stores,
            BrandResolver brands,
            CategoryResolver categories,
            AvailabilityRule availability,
            ProductMatcher matcher,
            ProductPlanner planner,
            Settings settings) {
        return new ProductPipeline(
                stores.storeA(),
                stores.storeB(),
                brands,
                categories,
                availability,
                matcher,
                planner,
                settings.storeB().clientId());
    }

    @BindToRegistry(lazy = true)
    public ProductWriter productWriter(StoreClients stores, IdMap idMap, ProductPipeline pipeline) {
        return new ProductWriter(stores.storeB(), idMap, pipeline);
    }

    @BindToRegistry(lazy = true)
    public ProductDeletion productDeletion(StoreClients stores, IdMap idMap, Settings settings) {
        return new ProductDeletion(stores.storeB(), idMap, settings.deletePolicy());
    }

    /**
     * The sync-product route's steps. Their reads that can run beside the product's own (two per sync) run on a pool
     * of Camel's, shown with its other thread pools in Hawtio, twice as large as the number of syncs at once.
     */
    @BindToRegistry(lazy = true)
    public ProductSteps productSteps(
            ProductPipeline pipeline,
            ProductWriter writer,
            ProductDeletion deletion,
            StoreAGuard guard,
            CamelContext context,
            Settings settings) {
        ExecutorService reads = context.getExecutorServiceManager()
                .newFixedThreadPool(this, "ProductReads", 2 * settings.queue().concurrency());
        return new ProductSteps(pipeline, writer, deletion, guard, reads);
    }

    /** The admin API's dry run. */
    @BindToRegistry(lazy = true)
    public ProductDryRun productDryRun(ProductPipeline pipeline, IdMap idMap) {
        return new ProductDryRun(pipeline, idMap);
    }

    /** The sync-category route's steps. */
    @BindToRegistry(lazy = true)
    public CategorySteps categorySteps(
            StoreClients stores, IdMap idMap, CategoryResolver categories, Settings settings, StoreAGuard guard) {
        return new CategorySteps(stores.storeB(), idMap, categories, settings.deletePolicy(), guard);
    }

    /** The sync-brand route's step. */
    @BindToRegistry(lazy = true)
    public BrandSteps brandSteps(StoreClients stores, IdMap idMap, BrandResolver brands, StoreAGuard guard) {
        return new BrandSteps(stores.storeA(), stores.storeB(), idMap, brands, guard);
    }

    @BindToRegistry(lazy = true)
    public CategoryComparison categoryComparison(StoreClients stores, IdMap idMap, StoreBTree tree) {
        return new CategoryComparison(stores.storeA(), stores.storeB(), idMap, tree);
    }

    @BindToRegistry(lazy = true)
    public BrandComparison brandComparison(StoreClients stores, IdMap idMap) {
        return new BrandComparison(stores.storeA(), stores.storeB(), idMap);
    }

    /**
     * Once the context runs (the stores are reachable through its HTTP component): a STORE_B_CHANNEL_ON_STORE_A that
     * Store A answers it does not have stops the start-up with one line, like any other wrong setting. When Store A
     * cannot be asked yet, syncs ask before they decide availability.
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        AvailabilityRule rule = context.getRegistry().findSingleByType(AvailabilityRule.class);
        context.addStartupListener((started, alreadyStarted) -> {
            try {
                rule.missingChannel().ifPresent(problem -> {
                    throw new InvalidSettingsException(List.of(problem));
                });
            } catch (BigCommerceException e) {
                LOG.warn("STORE_B_CHANNEL_ON_STORE_A cannot be checked yet: {}", e.getMessage());
            }
        });
    }

    // one TaskHandler per resource type: the dispatcher claims only the types that have one

    @BindToRegistry(lazy = true)
    public RouteTaskHandler productHandler(LazyTemplate template, IdMap idMap) {
        return new RouteTaskHandler(IdMap.PRODUCT, PRODUCT_ROUTE, template::template, idMap);
    }

    @BindToRegistry(lazy = true)
    public RouteTaskHandler categoryHandler(LazyTemplate template, IdMap idMap) {
        return new RouteTaskHandler(IdMap.CATEGORY, CATEGORY_ROUTE, template::template, idMap);
    }

    @BindToRegistry(lazy = true)
    public RouteTaskHandler brandHandler(LazyTemplate template, IdMap idMap) {
        return new RouteTaskHandler(IdMap.BRAND, BRAND_ROUTE, template::template, idMap);
    }
}
