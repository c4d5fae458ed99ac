package dev.storesync.bigcommerce;

/** A video on a product's page, hosted on YouTube ({@code videoId}). */
public record ProductVideo(long id, String videoId, String type, String title, String description, int sortOrder) {

    public ProductVideo {
        type = type == null ? "youtube" : type;
        title = title == null ? "" : title;
        description = description == null ? "" : description;
    }
}
