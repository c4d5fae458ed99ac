package dev.storesync.bigcommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One store's API by the operations storesync needs: the one place that decides each read's path, its {@code include=}
 * choice and its page size. Everything outside this package talks to a store through it; what it cannot name (a plan's
 * writes) it sends as the {@link CatalogRequests} built them.
 */
public final class BigCommerceStore {
    /**
     * Products read with their options come ten to a page whatever the {@code limit} (products spec, GET
     * /catalog/products, {@code include}: "When you specify options or modifiers, results are limited to 10 per page").
     */
    static final int PRODUCTS_WITH_PARTS_PAGE = 10;

    private static final DateTimeFormatter BIGCOMMERCE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final List<String> VARIANT_OWNER_FIELDS = List.of("sku", "product_id");

    private final BigCommerceClient client;

    public BigCommerceStore(BigCommerceClient client) {
        this.client = client;
    }

    /** "A" or "B", for messages. */
    public String name() {
        return client.store();
    }

    public Optional<BigCommerceClient.Contact> accessDenied() {
        return client.accessDenied();
    }

    public Optional<BigCommerceClient.Contact> lastContact() {
        return client.lastContact();
    }

    public BigCommerceClient.Pace pace() {
        return client.pace();
    }

    /**
     * Products in id order, read with their parts: {@code total} is how many the listing had after the cursor it
     * started from, {@code last} whether the store said nothing is left after these.
     */
    public record ProductPage(List<Product> products, long total, boolean last) {}

    /** A destination BigCommerce stopped delivering webhooks to, and for how many more seconds. */
    public record BlockedDestination(String destination, long secondsLeft) {}

    // --- products ------------------------------------------------------------------------------------------------

    /** The product with its variants, images, custom fields and options; empty when the store has none of that id. */
    public Optional<Product> product(long id) {
        return client.get(CatalogRequests.product(id), withParts(Query.empty()), Product::from);
    }

    /** The products of these ids, with their parts. */
    public List<Product> products(List<Long> ids) {
        return productsWithParts(Query.empty().withList("id:in", ids));
    }

    /** The products with these SKUs (none may contain a comma), with their parts. */
    public List<Product> productsBySku(List<String> skus) {
        return productsWithParts(Query.empty().withList("sku:in", skus));
    }

    /** The product whose own SKU is {@code sku} (the store compares SKUs without case), with its parts. */
    public Optional<Product> productBySku(String sku) {
        return productsWithParts(Query.of("sku", sku)).stream()
                .filter(p -> p.sku().equalsIgnoreCase(sku))
                .findFirst();
    }

    /** The products named exactly {@code name}, without their parts. */
    public List<Product> productsNamed(String name) {
        return client.getAll(CatalogRequests.PRODUCTS, Query.of("name", name), Product::from);
    }

    /**
     * Up to {@code count} products after {@code afterId} in id order, read with their parts (as many reads as the
     * store's page size takes), optionally only those modified since {@code modifiedSince}. Id order cannot shift under
     * a reader when products change meanwhile; the end is what the answer's {@code meta.pagination} says, never a page
     * that came back shorter than asked.
     */
    public ProductPage productsAfter(long afterId, Optional<Instant> modifiedSince, int count) {
        List<Product> products = new ArrayList<>();
        long cursor = afterId;
        long total = -1;
        boolean more = true;
        while (more && products.size() < count) {
            Query query = withParts(Query.of("sort", "id")
                    .with("direction", "asc")
                    .with("id:greater", cursor)
                    .with("limit", Math.min(count - products.size(), PRODUCTS_WITH_PARTS_PAGE)));
            if (modifiedSince.isPresent()) {
                query = query.with("date_modified:min", BIGCOMMERCE_TIME.format(modifiedSince.get()));
            }
            JsonNode body = listProducts(query);
            JsonNode pagination = body.path("meta").path("pagination");
            if (total < 0) {
                total = pagination.path("total").asLong(-1);
            }
            List<Product> read = new ArrayList<>();
            body.path("data").forEach(item -> read.add(Product.from(item)));
            products.addAll(read);
            more = !read.isEmpty() && pagination.path("total_pages").asInt(1) > 1;
            if (!read.isEmpty()) {
                cursor = read.get(read.size() - 1).id();
            }
        }
        return new ProductPage(products, total, !more);
    }

    /** The ids of the {@code limit} most recently modified products, newest first. */
    public List<Long> recentlyModifiedProductIds(int limit) {
        int pageSize = Math.min(BigCommerceClient.PAGE_LIMIT, limit);
        List<Long> ids = new ArrayList<>();
        int page = 1;
        int totalPages = 1;
        while (ids.size() < limit && page <= totalPages) {
            Query query = Query.of("sort", "date_modified")
                    .with("direction", "desc")
                    .with("include_fields", "id")
                    .with("limit", pageSize)
                    .with("page", page++);
            JsonNode body = listProducts(query);
            body.path("data").forEach(p -> ids.add(p.path("id").asLong()));
            totalPages =
                    body.path("meta").path("pagination").path("total_pages").asInt(1);
        }
        return List.copyOf(ids.subList(0, Math.min(limit, ids.size())));
    }

    /** Whether the store's catalog answers at all: a wrong hash or base URL answers 404 for everything. */
    public boolean catalogAnswers() {
        return client.getJson(CatalogRequests.PRODUCTS, Query.of("limit", 1)).isPresent();
    }

    /** @return false when there was no such product */
    public boolean deleteProduct(long id) {
        try {
            client.call(CatalogRequests.deleteProduct(id));
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    public List<Metafield> metafields(long product) {
        return client.getAll(CatalogRequests.metafields(product), Query.empty(), Metafield.class);
    }

    // --- variants ------------------------------------------------------------------------------------------------

    /** Variants whose SKU is {@code sku} (the listing filters by one SKU at a time). */
    public List<Variant> variantsBySku(String sku) {
        return client.getAll(CatalogRequests.VARIANTS, Query.of("sku", sku), Variant::from).stream()
                .filter(v -> v.sku().equalsIgnoreCase(sku))
                .toList();
    }

    /** How many variants the store has, all products together: one small read. */
    public long variantCount() {
        Query query =
                Query.empty().withList("include_fields", VARIANT_OWNER_FIELDS).with("limit", 1);
        return client.getJson(CatalogRequests.VARIANTS, query)
                .map(body -> body.path("meta").path("pagination").path("total").asLong())
                .orElse(Long.MAX_VALUE);
    }

    /** Every variant of the store, with only its SKU and product id. */
    public List<Variant> variantOwners() {
        Query query = Query.empty()
                .withList("include_fields", VARIANT_OWNER_FIELDS)
                .with("limit", BigCommerceClient.PAGE_LIMIT);
        return client.getAll(CatalogRequests.VARIANTS, query, Variant::from);
    }

    // --- brands --------------------------------------------------------------------------------------------------

    public Optional<Brand> brand(long id) {
        return client.get(CatalogRequests.brand(id), Query.empty(), Brand::from);
    }

    public List<Brand> brands() {
        return client.getAll(CatalogRequests.BRANDS, Query.empty(), Brand::from);
    }

    /** The brand named exactly {@code name}, if the store has one. */
    public Optional<Brand> brandNamed(String name) {
        return client.getAll(CatalogRequests.BRANDS, Query.of("name", name), Brand::from).stream()
                .filter(b -> b.name().equals(name))
                .findFirst();
    }

    /**
     * The brand whose name is {@code name} in any letter case. Brand names are unique regardless of case (brands spec),
     * but the {@code name} filter is exact: this reads every brand, so it is for the rare case of a refused create.
     */
    public Optional<Brand> brandNamedInAnyCase(String name) {
        return brands().stream().filter(b -> b.name().equalsIgnoreCase(name)).findFirst();
    }

    /** @return the new brand's id */
    public long createBrand(ObjectNode brand) {
        return client.data(CatalogRequests.createBrand(brand)).path("id").asLong();
    }

    public void updateBrand(long id, ObjectNode changes) {
        send(CatalogRequests.updateBrand(id, changes));
    }

    // --- categories (the trees API) ------------------------------------------------------------------------------

    public List<CategoryTree> trees() {
        // the trees listing has no paging parameters: one read answers them all
        return client.get(
                        CatalogRequests.TREES,
                        Query.empty(),
                        data -> List.of(BigCommerceClient.JSON.convertValue(data, CategoryTree[].class)))
                .orElse(List.of());
    }

    public Optional<TreeCategory> category(long id) {
        return client
                .getAll(CatalogRequests.TREE_CATEGORIES, Query.of("category_id:in", id), TreeCategory::from)
                .stream()
                .findFirst();
    }

    /** Every category of every tree. */
    public List<TreeCategory> categories() {
        return client.getAll(CatalogRequests.TREE_CATEGORIES, Query.empty(), TreeCategory::from);
    }

    public List<TreeCategory> categoriesOfTree(long tree) {
        return client.getAll(CatalogRequests.TREE_CATEGORIES, Query.of("tree_id:in", tree), TreeCategory::from);
    }

    /** Categories of the tree named {@code name} under {@code parent} (0: top level), as the store matches names. */
    public List<TreeCategory> categoriesNamed(long tree, long parent, String name) {
        Query query = Query.of("tree_id:in", tree).with("parent_id:in", parent).with("name", name);
        return client.getAll(CatalogRequests.TREE_CATEGORIES, query, TreeCategory::from);
    }

    /** Creates one category (with its {@code tree_id} or {@code parent_id}) and answers it as created. */
    public TreeCategory createCategory(ObjectNode category) {
        ArrayNode batch = JsonNodeFactory.instance.arrayNode().add(category);
        return TreeCategory.from(
                client.data(CatalogRequests.createCategories(batch)).path(0));
    }

    /** Changes one category; {@code changes} carries its {@code category_id}. */
    public void updateCategory(ObjectNode changes) {
        send(CatalogRequests.updateCategories(
                JsonNodeFactory.instance.arrayNode().add(changes)));
    }

    public void deleteCategory(long id) {
        send(CatalogRequests.deleteCategory(id));
    }

    // --- channels ------------------------------------------------------------------------------------------------

    /** The channel of that id; empty when the store has none. */
    public Optional<Channel> channel(long id) {
        return client.get(CatalogRequests.channel(id), Query.empty(), Channel.class);
    }

    /** Every channel of the store. */
    public List<Channel> channels() {
        return client.getAll(CatalogRequests.CHANNELS, Query.empty(), Channel.class);
    }

    /**
     * The listings of these products on a channel, every cursor page of them. A channel the store does not have answers
     * no listings at all, as one where nothing is listed does (channels spec): {@link #channel} tells them apart.
     */
    public List<ChannelListing> listings(long channel, List<Long> products) {
        if (products.isEmpty()) {
            return List.of();
        }
        return client.getAllAfter(
                CatalogRequests.listings(channel),
                Query.empty().withList("product_id:in", products),
                ChannelListing.class,
                ChannelListing::listingId);
    }

    // --- hooks ---------------------------------------------------------------------------------------------------

    public List<Hook> hooks() {
        return client.getAll(CatalogRequests.HOOKS, Query.empty(), Hook.class);
    }

    public void createHook(Hook.Write hook) {
        client.post(CatalogRequests.HOOKS, hook, JsonNode.class);
    }

    public void updateHook(long id, Hook.Write hook) {
        client.put(CatalogRequests.hook(id), hook, JsonNode.class);
    }

    public void deleteHook(long id) {
        client.delete(CatalogRequests.hook(id), Query.empty());
    }

    /** The destinations on the store's webhook denylist ({@code /hooks/admin}). */
    public List<BlockedDestination> blockedDestinations() {
        List<BlockedDestination> blocked = new ArrayList<>();
        client.getJson(CatalogRequests.HOOKS_ADMIN, Query.empty()).ifPresent(admin -> admin.path("data")
                .path("blocked_domains")
                .forEach(domain -> blocked.add(new BlockedDestination(
                        domain.path("destination").asText(),
                        domain.path("time_left").asLong()))));
        return blocked;
    }

    // --- prepared writes -----------------------------------------------------------------------------------------

    /**
     * Sends a write that {@link CatalogRequests} built and answers its {@code data} (a missing node when the answer has
     * none or cannot be read: the write happened all the same).
     */
    public JsonNode send(ApiRequest request) {
        ApiResponse answer = client.call(request);
        if (answer.body().length == 0) {
            return BigCommerceClient.JSON.missingNode();
        }
        try {
            return BigCommerceClient.JSON.readTree(answer.body()).path("data");
        } catch (IOException e) {
            return BigCommerceClient.JSON.missingNode();
        }
    }

    private JsonNode listProducts(Query query) {
        return client.getJson(CatalogRequests.PRODUCTS, query)
                .orElseThrow(() -> new IllegalStateException("Store " + name() + " did not list its products"));
    }

    private List<Product> productsWithParts(Query query) {
        return client.getAll(
                CatalogRequests.PRODUCTS, withParts(query.with("limit", PRODUCTS_WITH_PARTS_PAGE)), Product::from);
    }

    private static Query withParts(Query query) {
        return query.withList("include", Product.INCLUDE);
    }
}
