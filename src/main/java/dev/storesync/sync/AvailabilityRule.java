package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.ChannelListing;
import dev.storesync.bigcommerce.Product;
import dev.storesync.bigcommerce.Query;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Store B's availability for a product (DESIGN §6). With {@code STORE_B_CHANNEL_ON_STORE_A}: available when Store A
 * lists the product actively on that channel, disabled otherwise; a pre-order product stays pre-order while listed.
 * Without it: Store A's availability as is.
 */
final class AvailabilityRule {
    private final OptionalLong channel;
    private final BigCommerceClient storeA;

    AvailabilityRule(OptionalLong channel, BigCommerceClient storeA) {
        this.channel = channel;
        this.storeA = storeA;
    }

    String decide(Product product) {
        if (channel.isEmpty()) {
            return product.availability();
        }
        Optional<ChannelListing> listing = storeA
                .getAllAfter(
                        "/channels/" + channel.getAsLong() + "/listings",
                        Query.of("product_id:in", product.id()),
                        ChannelListing.class,
                        ChannelListing::listingId)
                .stream()
                .filter(l -> l.productId() == product.id())
                .findFirst();
        return availability(product.availability(), listing);
    }

    static String availability(String storeA, Optional<ChannelListing> listing) {
        if (listing.isEmpty() || !listing.get().active()) {
            return "disabled";
        }
        return "preorder".equals(storeA) ? "preorder" : "available";
    }
}
