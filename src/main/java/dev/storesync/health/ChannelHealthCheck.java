package dev.storesync.health;

import dev.storesync.bigcommerce.BigCommerceException;
import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * Store A has the channel {@code STORE_B_CHANNEL_ON_STORE_A} names. Its listings decide Store B's availability, and a
 * channel Store A lacks answers no listings (channels spec), so a mistyped id is DOWN here while the syncs refuse to
 * decide availability by it. Looked up at most once per interval.
 */
public final class ChannelHealthCheck extends OverallHealthCheck {
    private final BigCommerceStore storeA;
    private final OptionalLong channel;
    private final Clock clock;
    private final Duration interval;
    private Instant checkedAt = Instant.MIN;
    private Optional<Channel> found = Optional.empty();
    private String trouble;

    public ChannelHealthCheck(BigCommerceStore storeA, OptionalLong channel, Clock clock, Duration interval) {
        super("channel");
        this.storeA = storeA;
        this.channel = channel;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    protected synchronized void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (channel.isEmpty()) {
            builder.up().message("STORE_B_CHANNEL_ON_STORE_A is not set: Store A's availability is copied as is");
            return;
        }
        Instant now = clock.instant();
        if (Duration.between(checkedAt, now).compareTo(interval) >= 0) {
            try {
                found = storeA.channel(channel.getAsLong());
                trouble = null;
            } catch (BigCommerceException e) {
                trouble = e.getMessage();
            }
            checkedAt = now;
        }
        builder.detail("channel", channel.getAsLong());
        if (trouble != null) {
            builder.up().message("the channel could not be looked up (see store-a): " + trouble);
        } else if (found.isPresent()) {
            builder.up()
                    .message("Store B is Store A's channel " + channel.getAsLong() + " '"
                            + found.get().name() + "'");
        } else {
            builder.down()
                    .message("Store A has no channel " + channel.getAsLong() + " (STORE_B_CHANNEL_ON_STORE_A): syncs"
                            + " leave Store B's availability alone until it is set right");
        }
    }
}
