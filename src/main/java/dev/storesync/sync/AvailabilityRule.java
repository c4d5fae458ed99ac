package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.ChannelListing;
import dev.storesync.bigcommerce.Product;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Store B's availability for a product (DESIGN §6). With {@code STORE_B_CHANNEL_ON_STORE_A}: available when Store A
 * lists the product actively on that channel, disabled otherwise; a pre-order product stays pre-order while listed.
 * Without it: Store A's availability as is.
 */
final class AvailabilityRule {
    private final OptionalLong channel;
    private final BigCommerceStore storeA;

    AvailabilityRule(OptionalLong channel, BigCommerceStore storeA) {
        this.channel = channel;
        this.storeA = storeA;
    }

    String decide(Product product) {
        return decideAll(List.of(product)).get(product.id());
    }

    /** {@link #decide} for a page of products, with one listing read for all of them. */
    Map<Long, String> decideAll(List<Product> products) {
        Map<Long, String> decided = new HashMap<>();
        if (channel.isEmpty()) {
            products.forEach(p -> decided.put(p.id(), p.availability()));
            return decided;
        }
        Map<Long, ChannelListing> listings = new HashMap<>();
        storeA.listings(channel.getAsLong(), products.stream().map(Product::id).toList())
                .forEach(l -> listings.putIfAbsent(l.productId(), l));
        products.forEach(
                p -> decided.put(p.id(), availability(p.availability(), Optional.ofNullable(listings.get(p.id())))));
        return decided;
    }

    static String availability(String storeA, Optional<ChannelListing> listing) {
        if (listing.isEmpty() || !listing.get().active()) {
            return "disabled";
        }
        return "preorder".equals(storeA) ? "preorder" : "available";
    }
}
