package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything one simulated store holds. A single lock guards it all: the simulator favours simple, obviously
 * consistent state over concurrency; every service method takes the lock for its whole change.
 */
public final class CatalogState {
    /** BigCommerce formats dates as {@code 2018-08-15T14:48:46+00:00}. */
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

    enum Kind {
        PRODUCT,
        VARIANT,
        SKU,
        OPTION,
        OPTION_VALUE,
        IMAGE,
        CUSTOM_FIELD,
        METAFIELD,
        CATEGORY,
        TREE,
        BRAND,
        CHANNEL,
        LISTING,
        HOOK,
        BULK_PRICING_RULE,
        VIDEO
    }

    /** Who owns a SKU: a product (variant 0) or one of its variants. */
    record SkuOwner(long productId, long variantId) {}

    final Object lock = new Object();
    final String storeHash;
    final String storeId;
    final Clock clock;
    final Map<Long, ProductRecord> products = new TreeMap<>();
    final Map<Long, ObjectNode> categories = new TreeMap<>();
    final Map<Long, ObjectNode> trees = new TreeMap<>();
    final Map<Long, ObjectNode> brands = new TreeMap<>();
    final Map<Long, ObjectNode> channels = new TreeMap<>();
    final Map<Long, ObjectNode> listings = new TreeMap<>();
    final Set<ChannelAssignment> assignments = new LinkedHashSet<>();
    final Map<Long, ObjectNode> hooks = new TreeMap<>();
    private final Map<String, SkuOwner> skus = new TreeMap<>();
    private final Map<Kind, AtomicLong> ids = new EnumMap<>(Kind.class);
    private volatile CatalogEvents events = CatalogEvents.NONE;

    /** A product assigned to a channel. */
    public record ChannelAssignment(long productId, long channelId) {}

    /**
     * @param idBase where this store's ids start, so that two simulated stores never share ids and a client that
     *     confuses Store A's ids with Store B's is caught
     */
    public CatalogState(String storeHash, String storeId, Clock clock, long idBase) {
        this.storeHash = storeHash;
        this.storeId = storeId;
        this.clock = clock;
        for (Kind kind : Kind.values()) {
            ids.put(kind, new AtomicLong(idBase + kind.ordinal() * 100_000L));
        }
    }

    public void events(CatalogEvents events) {
        this.events = events;
    }

    void fire(String scope, ObjectNode data) {
        events.fire(scope, data);
    }

    long nextId(Kind kind) {
        return ids.get(kind).incrementAndGet();
    }

    String now() {
        return DATE_TIME.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Sets {@code date_modified}; it moves forward on every change, even two within one second. */
    void touch(ObjectNode resource) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (resource.hasNonNull("date_modified")
                && !resource.get("date_modified").asText().isEmpty()) {
            Instant previous =
                    Instant.from(DATE_TIME.parse(resource.get("date_modified").asText()));
            if (!now.isAfter(previous)) {
                now = previous.plusSeconds(1);
            }
        }
        resource.put("date_modified", DATE_TIME.format(now));
    }

    static Instant parseDateTime(String text) {
        return Instant.from(DATE_TIME.parse(text));
    }

    Optional<SkuOwner> skuOwner(String sku) {
        return sku == null || sku.isEmpty() ? Optional.empty() : Optional.ofNullable(skus.get(key(sku)));
    }

    /** Refuses a SKU another product or variant has, compared without case (BigCommerce's rule). */
    void checkSkuFree(String sku, SkuOwner self) {
        skuOwner(sku).filter(owner -> !owner.equals(self)).ifPresent(owner -> {
            throw ApiException.conflict(
                    "The SKU is already in use by another product or variant",
                    "sku",
                    "sku '" + sku + "' is in use by product " + owner.productId());
        });
    }

    void claimSku(String sku, SkuOwner owner) {
        if (sku != null && !sku.isEmpty()) {
            skus.put(key(sku), owner);
        }
    }

    void releaseSku(String sku, SkuOwner owner) {
        if (sku != null && !sku.isEmpty() && owner.equals(skus.get(key(sku)))) {
            skus.remove(key(sku));
        }
    }

    private static String key(String sku) {
        return sku.toLowerCase(Locale.ROOT);
    }

    /**
     * A brand's or category's {@code image_url} as the store answers it: a copy on its own CDN. brands_catalog.v3.yml
     * and category-trees_catalog.v3.yml answer {@code image_url} as {@code https://cdn8.bigcommerce.com/s-123456/
     * product_images/d/fakeimage.png} whatever was sent; the store downloads the file and serves it itself. An
     * address on this store's CDN is kept as it is; an empty one clears the image.
     */
    String rehosted(String url) {
        String cdn = "https://cdn11.bigcommerce.com/s-" + storeHash + "/product_images/";
        if (url == null || url.isBlank() || url.startsWith(cdn)) {
            return url == null ? "" : url;
        }
        String path = url.replaceAll("[?#].*$", "");
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty() || name.startsWith(".")) {
            name = "image" + name;
        }
        long stamp = Math.abs(url.hashCode() % 100_000);
        return cdn + Character.toLowerCase(name.charAt(0)) + "/" + stamp + "__" + name;
    }

    ProductRecord product(long id) {
        ProductRecord record = products.get(id);
        if (record == null) {
            throw ApiException.notFound("product");
        }
        return record;
    }
}
