package dev.storesync.bigcommerce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog writes storesync sends, by what they do: the one place that spells the v3 API's paths and its batch sizes.
 * Plans are made of these requests, so that a dry run can show them and a writer can send them as they are.
 */
public final class CatalogRequests {
    /** {@code PUT /catalog/products} takes at most ten products per call. */
    public static final int PRODUCT_BATCH = 10;
    /** {@code PUT /catalog/variants} takes at most fifty variants per call. */
    public static final int VARIANT_BATCH = 50;

    static final String PRODUCTS = "/catalog/products";
    static final String VARIANTS = "/catalog/variants";
    static final String BRANDS = "/catalog/brands";
    static final String TREES = "/catalog/trees";
    static final String TREE_CATEGORIES = "/catalog/trees/categories";
    static final String HOOKS = "/hooks";
    static final String HOOKS_ADMIN = "/hooks/admin";
    private static final Pattern ONE_PRODUCT = Pattern.compile(Pattern.quote(PRODUCTS) + "/(\\d+)");

    private CatalogRequests() {}

    static String product(long product) {
        return PRODUCTS + "/" + product;
    }

    static String metafields(long product) {
        return product(product) + "/metafields";
    }

    static String brand(long brand) {
        return BRANDS + "/" + brand;
    }

    static final String CHANNELS = "/channels";

    static String channel(long channel) {
        return CHANNELS + "/" + channel;
    }

    static String listings(long channel) {
        return channel(channel) + "/listings";
    }

    static String hook(long hook) {
        return HOOKS + "/" + hook;
    }

    public static ApiRequest createProduct(ObjectNode product) {
        return ApiRequest.post(PRODUCTS, product);
    }

    public static ApiRequest updateProduct(long product, ObjectNode changes) {
        return ApiRequest.put(product(product), changes);
    }

    /** Up to {@link #PRODUCT_BATCH} products, each with its {@code id}. */
    public static ApiRequest updateProducts(ArrayNode products) {
        return ApiRequest.put(PRODUCTS, products);
    }

    public static ApiRequest deleteProduct(long product) {
        return ApiRequest.delete(product(product), Query.empty());
    }

    public static ApiRequest createVariant(long product, ObjectNode variant) {
        return ApiRequest.post(product(product) + "/variants", variant);
    }

    public static ApiRequest deleteVariant(long product, long variant) {
        return ApiRequest.delete(product(product) + "/variants/" + variant, Query.empty());
    }

    /** Up to {@link #VARIANT_BATCH} variants of any products, each with its {@code id}. */
    public static ApiRequest updateVariants(ArrayNode variants) {
        return ApiRequest.put(VARIANTS, variants);
    }

    public static ApiRequest createOption(long product, ObjectNode option) {
        return ApiRequest.post(options(product), option);
    }

    public static ApiRequest updateOption(long product, long option, ObjectNode changes) {
        return ApiRequest.put(options(product) + "/" + option, changes);
    }

    public static ApiRequest deleteOption(long product, long option) {
        return ApiRequest.delete(options(product) + "/" + option, Query.empty());
    }

    public static ApiRequest createOptionValue(long product, long option, ObjectNode value) {
        return ApiRequest.post(optionValues(product, option), value);
    }

    public static ApiRequest updateOptionValue(long product, long option, long value, ObjectNode changes) {
        return ApiRequest.put(optionValues(product, option) + "/" + value, changes);
    }

    public static ApiRequest deleteOptionValue(long product, long option, long value) {
        return ApiRequest.delete(optionValues(product, option) + "/" + value, Query.empty());
    }

    public static ApiRequest createImage(long product, ObjectNode image) {
        return ApiRequest.post(product(product) + "/images", image);
    }

    public static ApiRequest deleteImage(long product, long image) {
        return ApiRequest.delete(product(product) + "/images/" + image, Query.empty());
    }

    public static ApiRequest createBulkPricingRule(long product, ObjectNode rule) {
        return ApiRequest.post(bulkPricingRules(product), rule);
    }

    public static ApiRequest updateBulkPricingRule(long product, long rule, ObjectNode changes) {
        return ApiRequest.put(bulkPricingRules(product) + "/" + rule, changes);
    }

    public static ApiRequest deleteBulkPricingRule(long product, long rule) {
        return ApiRequest.delete(bulkPricingRules(product) + "/" + rule, Query.empty());
    }

    public static ApiRequest createVideo(long product, ObjectNode video) {
        return ApiRequest.post(videos(product), video);
    }

    public static ApiRequest updateVideo(long product, long video, ObjectNode changes) {
        return ApiRequest.put(videos(product) + "/" + video, changes);
    }

    public static ApiRequest deleteVideo(long product, long video) {
        return ApiRequest.delete(videos(product) + "/" + video, Query.empty());
    }

    public static ApiRequest deleteCustomField(long product, long field) {
        return ApiRequest.delete(product(product) + "/custom-fields/" + field, Query.empty());
    }

    public static ApiRequest createMetafield(long product, ObjectNode metafield) {
        return ApiRequest.post(metafields(product), metafield);
    }

    public static ApiRequest updateMetafield(long product, long metafield, ObjectNode changes) {
        return ApiRequest.put(metafields(product) + "/" + metafield, changes);
    }

    public static ApiRequest deleteMetafield(long product, long metafield) {
        return ApiRequest.delete(metafields(product) + "/" + metafield, Query.empty());
    }

    public static ApiRequest createBrand(ObjectNode brand) {
        return ApiRequest.post(BRANDS, brand);
    }

    public static ApiRequest updateBrand(long brand, ObjectNode changes) {
        return ApiRequest.put(brand(brand), changes);
    }

    /** Categories of the trees API, each with its {@code tree_id} or {@code parent_id}. */
    public static ApiRequest createCategories(ArrayNode categories) {
        return ApiRequest.post(TREE_CATEGORIES, categories);
    }

    /** Categories of the trees API, each with its {@code category_id}. */
    public static ApiRequest updateCategories(ArrayNode categories) {
        return ApiRequest.put(TREE_CATEGORIES, categories);
    }

    public static ApiRequest deleteCategory(long category) {
        return ApiRequest.delete(TREE_CATEGORIES, Query.of("category_id:in", category));
    }

    /**
     * The product a request updates with {@link #updateProduct}, so that a backfill can send many such updates as one
     * {@link #updateProducts} batch; empty for any other request.
     */
    public static OptionalLong updatedProduct(ApiRequest request) {
        if (request.method() != ApiRequest.Method.PUT) {
            return OptionalLong.empty();
        }
        Matcher one = ONE_PRODUCT.matcher(request.path());
        return one.matches() ? OptionalLong.of(Long.parseLong(one.group(1))) : OptionalLong.empty();
    }

    /** Whether a request is an {@link #updateVariants} batch. */
    public static boolean updatesVariants(ApiRequest request) {
        return request.method() == ApiRequest.Method.PUT && request.path().equals(VARIANTS);
    }

    private static String bulkPricingRules(long product) {
        return product(product) + "/bulk-pricing-rules";
    }

    private static String videos(long product) {
        return product(product) + "/videos";
    }

    private static String options(long product) {
        return product(product) + "/options";
    }

    private static String optionValues(long product, long option) {
        return options(product) + "/" + option + "/values";
    }
}
