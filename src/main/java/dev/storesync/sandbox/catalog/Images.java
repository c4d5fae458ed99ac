package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.ProductRecord.ImageRecord;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Product images, uploaded by URL. A product has at most one thumbnail; its first image becomes it. Webhooks as
 * BigCommerce sends them: adding an image fires {@code store/product/updated} twice, changing or deleting one fires
 * nothing unless it becomes the thumbnail.
 */
public final class Images {
    private static final Set<String> LIST_PARAMS = Set.of("include_fields", "exclude_fields", "page", "limit");
    private static final Set<String> WRITE_ONLY = Set.of("image_url");

    private final CatalogState state;

    Images(CatalogState state) {
        this.state = state;
    }

    public ObjectNode create(long productId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            checkNew(body == null ? null : Views.arrayOf(body));
            ImageRecord image = add(record, body);
            state.touch(record.product);
            state.fire("store/product/updated", Products.typed("product", productId));
            state.fire("store/product/updated", Products.typed("product", productId));
            return image.image().deepCopy();
        }
    }

    public ObjectNode update(long productId, long imageId, JsonNode body) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            ImageRecord image = find(record, imageId);
            boolean wasThumbnail = image.image().path("is_thumbnail").asBoolean();
            ObjectNode candidate = image.image().deepCopy();
            Schemas.IMAGE.apply(candidate, body, WRITE_ONLY);
            ImageRecord updated = replace(record, image, candidate, sourceOf(body, image.source()));
            if (!wasThumbnail && updated.image().path("is_thumbnail").asBoolean()) {
                state.touch(record.product);
                state.fire("store/product/updated", Products.typed("product", productId));
            }
            return updated.image().deepCopy();
        }
    }

    public void delete(long productId, long imageId) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            record.images.remove(find(record, imageId));
        }
    }

    public ObjectNode get(long productId, long imageId, ListQuery query) {
        synchronized (state.lock) {
            return Views.trim(find(state.product(productId), imageId).image(), query, Schemas.IMAGE, "id");
        }
    }

    public Page<ObjectNode> list(long productId, ListQuery query) {
        Views.refuseUnknown(query, LIST_PARAMS);
        synchronized (state.lock) {
            List<ObjectNode> images = state.product(productId).images.stream()
                    .map(ImageRecord::image)
                    .toList();
            return Page.of(images, query.page(), query.limit()).map(i -> Views.trim(i, query, Schemas.IMAGE, "id"));
        }
    }

    /** Source URL of an image: what it was uploaded from (answers never show it). */
    /**
     * Where this store serves the image's file as it was uploaded. products_catalog.v3.yml answers only resized copies
     * ({@code url_zoom}: "Zoom URL for this image. By default, this is used as the zoom image on product pages when
     * zoom images are enabled." at most 1280×1280); the CDN serves stored images under {@code /images/stencil/original/}
     * as well. Not in any answer: what a copy made at full size must have been made from.
     */
    public String original(long productId, long imageId) {
        synchronized (state.lock) {
            ProductRecord record = state.product(productId);
            String zoom = find(record, imageId).image().path("url_zoom").asText();
            String prefix = "https://cdn11.bigcommerce.com/s-" + state.storeHash;
            String versioned = zoom.substring(zoom.lastIndexOf('/') + 1).replace(".1280.1280.", ".");
            return prefix + "/images/stencil/original/products/" + productId + "/" + imageId + "/" + versioned;
        }
    }

    public String source(long productId, long imageId) {
        synchronized (state.lock) {
            return find(state.product(productId), imageId).source();
        }
    }

    void checkNew(JsonNode items) {
        if (items == null || items.isMissingNode() || items.isNull()) {
            return;
        }
        if (!items.isArray()) {
            throw ApiException.invalid("images", "must be an array");
        }
        for (JsonNode item : items) {
            if (!item.path("image_url").isTextual()
                    || !isWebUrl(item.path("image_url").asText())) {
                throw ApiException.invalid("image_url", "a fully qualified http(s) URL is required");
            }
            Schemas.IMAGE.apply(Schemas.IMAGE.defaults(), item, WRITE_ONLY);
        }
    }

    void checkUpdates(ProductRecord record, JsonNode items) {
        if (items == null || items.isMissingNode() || items.isNull()) {
            return;
        }
        for (JsonNode item : items) {
            if (item.has("id")) {
                find(record, item.path("id").asLong());
                ObjectNode fields = item.deepCopy();
                fields.remove("id");
                Schemas.IMAGE.apply(Schemas.IMAGE.defaults(), fields, WRITE_ONLY);
            } else {
                checkNew(Views.arrayOf(item));
            }
        }
    }

    /** Adds an image without firing events. */
    ImageRecord add(ProductRecord record, JsonNode body) {
        ObjectNode image = Schemas.IMAGE.defaults();
        Schemas.IMAGE.apply(image, body, WRITE_ONLY);
        long id = state.nextId(CatalogState.Kind.IMAGE);
        image.put("id", id);
        image.put("product_id", record.id());
        if (!body.has("sort_order")) {
            image.put("sort_order", record.images.size());
        }
        if (record.images.isEmpty()) {
            image.put("is_thumbnail", true);
        }
        ImageRecord created = withFile(record, image, body.path("image_url").asText());
        record.images.add(created);
        keepOneThumbnail(record, created);
        return created;
    }

    /** Updates an image by {@code id}, or adds one without it (product PUT). */
    void upsert(ProductRecord record, JsonNode item) {
        if (item.has("id")) {
            ImageRecord image = find(record, item.path("id").asLong());
            ObjectNode fields = item.deepCopy();
            fields.remove("id");
            ObjectNode candidate = image.image().deepCopy();
            Schemas.IMAGE.apply(candidate, fields, WRITE_ONLY);
            replace(record, image, candidate, sourceOf(item, image.source()));
        } else {
            add(record, item);
        }
    }

    private ImageRecord replace(ProductRecord record, ImageRecord image, ObjectNode candidate, String source) {
        ImageRecord updated = source.equals(image.source())
                ? new ImageRecord(candidate, source)
                : withFile(record, candidate, source);
        state.touch(updated.image());
        record.images.set(record.images.indexOf(image), updated);
        keepOneThumbnail(record, updated);
        return updated;
    }

    private ImageRecord withFile(ProductRecord record, ObjectNode image, String source) {
        String name = fileName(source);
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "jpg";
        long id = image.path("id").asLong();
        long stamp = state.clock.instant().getEpochSecond();
        String stored = base + "__" + (10_000 + id % 90_000);
        image.put(
                "image_file", base.charAt(0) + "/" + String.format("%03d", id % 1000) + "/" + stored + "." + extension);
        String prefix = "https://cdn11.bigcommerce.com/s-" + state.storeHash + "/products/" + record.id() + "/images/"
                + id + "/" + stored + "." + stamp + ".";
        image.put("url_zoom", prefix + "1280.1280." + extension + "?c=2");
        image.put("url_standard", prefix + "386.513." + extension + "?c=2");
        image.put("url_thumbnail", prefix + "220.290." + extension + "?c=2");
        image.put("url_tiny", prefix + "44.58." + extension + "?c=2");
        state.touch(image);
        return new ImageRecord(image, source);
    }

    private static void keepOneThumbnail(ProductRecord record, ImageRecord chosen) {
        if (chosen.image().path("is_thumbnail").asBoolean()) {
            record.images.stream().filter(i -> i != chosen).forEach(i -> i.image()
                    .put("is_thumbnail", false));
        }
    }

    private static String sourceOf(JsonNode body, String current) {
        return body.path("image_url").isTextual() ? body.get("image_url").asText() : current;
    }

    private static String fileName(String url) {
        String path = URI.create(url.replace(" ", "%20")).getPath();
        String name = path == null || path.isEmpty() ? "image.jpg" : path.substring(path.lastIndexOf('/') + 1);
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "image" + name + ".jpg" : name;
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = URI.create(url.replace(" ", "%20"));
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ImageRecord find(ProductRecord record, long imageId) {
        return record.images.stream()
                .filter(i -> i.image().path("id").asLong() == imageId)
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("image"));
    }
}
