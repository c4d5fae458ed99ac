package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.ChannelListing;
import dev.storesync.bigcommerce.Product;
import dev.storesync.queue.RetryableSyncException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Store B's availability for a product (DESIGN §6). With {@code STORE_B_CHANNEL_ON_STORE_A}: available when Store A
 * lists the product actively on that channel (any of its listings there), disabled otherwise; a pre-order product stays
 * pre-order while listed. Without it: Store A's availability as is.
 *
 * <p>A channel Store A does not have answers no listings, exactly like a channel where nothing is listed (channels
 * spec), so a mistyped channel id would disable Store B's whole catalog: the channel is looked up before its listings
 * decide anything.
 */
final class AvailabilityRule {
    private static final Duration RETRY_AFTER = Duration.ofMinutes(5);

    private final OptionalLong channel;
    private final BigCommerceStore storeA;
    private volatile boolean channelFound;

    AvailabilityRule(OptionalLong channel, BigCommerceStore storeA) {
        this.channel = channel;
        this.storeA = storeA;
    }

    /** {@link #decide} for a page of products, with one listing read for all of them. */
    Map<Long, String> decideAll(List<Product> products) {
        Listed listed = listed(products.stream().map(Product::id).toList());
        Map<Long, String> decided = new HashMap<>();
        products.forEach(p -> decided.put(p.id(), listed.decide(p)));
        return decided;
    }

    /**
     * Which of these products Store A lists actively on the channel: the one read {@link #decide} needs, which depends
     * on the ids alone, so a sync can make it while it reads the product itself.
     */
    Listed listed(List<Long> productIds) {
        if (channel.isEmpty()) {
            return Listed.NO_CHANNEL;
        }
        missingChannel().ifPresent(problem -> {
            throw new RetryableSyncException(problem + "; nothing is disabled in Store B meanwhile", RETRY_AFTER, null);
        });
        Map<Long, Boolean> active = new HashMap<>();
        for (ChannelListing listing : storeA.listings(channel.getAsLong(), productIds)) {
            active.merge(listing.productId(), listing.active(), Boolean::logicalOr);
        }
        return new Listed(Optional.of(active));
    }

    /** What Store A's channel listings say; without a channel, nothing (Store A's availability then stands). */
    record Listed(Optional<Map<Long, Boolean>> active) {
        static final Listed NO_CHANNEL = new Listed(Optional.empty());

        String decide(Product product) {
            return active.map(a -> availability(product.availability(), a.getOrDefault(product.id(), false)))
                    .orElse(product.availability());
        }
    }

    /**
     * What is wrong with {@code STORE_B_CHANNEL_ON_STORE_A}, when Store A says it has no such channel; empty when it
     * has it or no channel is set. Once found, the channel is not looked up again.
     */
    Optional<String> missingChannel() {
        if (channel.isEmpty() || channelFound) {
            return Optional.empty();
        }
        long id = channel.getAsLong();
        if (storeA.channel(id).isPresent()) {
            channelFound = true;
            return Optional.empty();
        }
        String known = storeA.channels().stream()
                .map(c -> c.id() + " '" + c.name() + "'")
                .collect(Collectors.joining(", "));
        return Optional.of("STORE_B_CHANNEL_ON_STORE_A is " + id + ", but Store A has no channel " + id
                + " (its channels: " + (known.isEmpty() ? "none" : known) + ")");
    }

    static String availability(String storeA, boolean listedActively) {
        if (!listedActively) {
            return "disabled";
        }
        return "preorder".equals(storeA) ? "preorder" : "available";
    }
}
