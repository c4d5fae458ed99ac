package dev.storesync.bigcommerce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** {@code .../s-HASH/products/P/images/I/NAME.STAMP.W.H.EXT?c=2}: the largest resized copy the API answers. */
    private static final Pattern RESIZED = Pattern.compile(
            "^(https?://[^/]+/s-[^/]+)/products/(\\d+)/images/(\\d+)/([^/?]+)\\.\\d+\\.\\d+\\.([A-Za-z0-9]+)(\\?.*)?$");

    public ProductImage {
        imageFile = imageFile == null ? "" : imageFile;
        description = description == null ? "" : description;
        urlZoom = urlZoom == null ? "" : urlZoom;
    }

    /**
     * The file as it was uploaded, at its own size. The API answers only resized copies: {@code url_zoom} is at most
     * 1280×1280 (products spec, product image {@code url_zoom}). BigCommerce's CDN serves every stored image at any
     * size under {@code /images/stencil/{size}/}, {@code original} among them, the product's image at
     * {@code /images/stencil/original/products/P/I/NAME.STAMP.EXT}. When {@code url_zoom} does not have the usual shape
     * (a store on another CDN), it is the best there is.
     */
    public String originalUrl() {
        Matcher resized = RESIZED.matcher(urlZoom);
        if (!resized.matches()) {
            return urlZoom;
        }
        return resized.group(1) + "/images/stencil/original/products/" + resized.group(2) + "/" + resized.group(3) + "/"
                + resized.group(4) + "." + resized.group(5) + (resized.group(6) == null ? "" : resized.group(6));
    }

    /**
     * The stored file's name without folder and extension ({@code image_file} {@code t/123/towel__45678.jpg} is
     * {@code towel__45678}): a copy made from it is stored under a name that starts with it.
     */
    public String fileStem() {
        String name = imageFile.substring(imageFile.lastIndexOf('/') + 1);
        return name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    }
}
