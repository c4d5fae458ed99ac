package dev.storesync.bigcommerce;

/**
 * A product image. BigCommerce hosts the file itself: {@code urlZoom} changes whenever a new file is uploaded, so it
 * identifies the file's version; {@code imageUrl} (write-only) uploads one from a URL.
 */
public record ProductImage(
        long id,
        String imageFile,
        boolean isThumbnail,
        int sortOrder,
        String description,
        String urlZoom,
        String urlStandard) {

    public ProductImage {
        description = description == null ? "" : description;
        urlZoom = urlZoom == null ? "" : urlZoom;
    }
}
