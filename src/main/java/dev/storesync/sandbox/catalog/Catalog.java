package dev.storesync.sandbox.catalog;

import java.time.Clock;

/** The catalog of one simulated store: its services over one shared, locked state. */
public final class Catalog {
    public final Products products;
    public final Variants variants;
    public final Options options;
    public final Images images;
    public final CustomFields customFields;
    public final Metafields metafields;
    public final Categories categories;
    public final Brands brands;
    public final Channels channels;
    public final Hooks hooks;
    public final ProductParts bulkPricingRules;
    public final ProductParts videos;
    private final CatalogState state;

    public Catalog(String storeHash, String storeId, Clock clock, long idBase, String clientId) {
        state = new CatalogState(storeHash, storeId, clock, idBase);
        options = new Options(state);
        variants = new Variants(state, options);
        options.variants(variants);
        images = new Images(state);
        customFields = new CustomFields(state);
        metafields = new Metafields(state, clientId);
        brands = new Brands(state);
        bulkPricingRules = new ProductParts(state, PartKinds.BULK_PRICING_RULES);
        videos = new ProductParts(state, PartKinds.VIDEOS);
        products = new Products(state, variants, images, customFields, brands, bulkPricingRules, videos);
        variants.products(products);
        categories = new Categories(state);
        channels = new Channels(state);
        hooks = new Hooks(state, clientId);
        categories.ensureDefaultTree();
        channels.ensureDefaultChannel();
    }

    /** Where webhook events go. */
    public void events(CatalogEvents events) {
        state.events(events);
    }

    public String storeHash() {
        return state.storeHash;
    }

    public String storeId() {
        return state.storeId;
    }

    public Clock clock() {
        return state.clock;
    }
}
