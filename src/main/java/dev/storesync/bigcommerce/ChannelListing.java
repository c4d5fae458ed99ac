package dev.storesync.bigcommerce;

/** A product's listing on a channel ({@code /channels/{id}/listings}); {@code state} is active, disabled, ... */
public record ChannelListing(long listingId, long channelId, long productId, String state) {
    public boolean active() {
        return "active".equals(state);
    }
}
