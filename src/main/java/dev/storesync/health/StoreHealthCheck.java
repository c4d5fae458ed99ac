package dev.storesync.health;

import dev.storesync.bigcommerce.BigCommerceClient;
import dev.storesync.bigcommerce.BigCommerceException;
import dev.storesync.bigcommerce.BigCommerceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * A store's API answers. Recent calls of the syncs tell; when there were none within the interval, one cheap read of
 * the catalog does, so the check spends the store's quota only while the service is idle. A store being down delays syncs (they retry) but loses
 * nothing, so this check decides neither liveness nor readiness: it shows in the overall health.
 */
public final class StoreHealthCheck extends OverallHealthCheck {
    private static final String MISSING = " answers 404 for its catalog: check its hash and API URL";

    private final BigCommerceStore store;
    private final Clock clock;
    private final Duration interval;
    private BigCommerceClient.Contact probed;

    public StoreHealthCheck(String id, BigCommerceStore store, Clock clock, Duration interval) {
        super(id);
        this.store = store;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    protected synchronized void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Instant now = clock.instant();
        // the newest of the syncs' last call and this check's last probe tells, if it is recent enough; a probe that
        // found the store missing (404) stands for its interval, since 404s to single resources are normal
        Optional<BigCommerceClient.Contact> missing = Optional.ofNullable(probed)
                .filter(p -> p.problem() != null && p.problem().endsWith(MISSING))
                .filter(p -> Duration.between(p.at(), now).compareTo(interval) < 0);
        BigCommerceClient.Contact contact = missing.orElseGet(() -> newest(now));
        builder.detail("checked_at", contact.at().toString());
        if (contact.problem() == null) {
            builder.up();
        } else {
            builder.down().message(contact.problem());
        }
    }

    private BigCommerceClient.Contact newest(Instant now) {
        return Stream.of(store.lastContact(), Optional.ofNullable(probed))
                .flatMap(Optional::stream)
                .filter(c -> Duration.between(c.at(), now).compareTo(interval) < 0)
                .max(Comparator.comparing(BigCommerceClient.Contact::at))
                .orElseGet(() -> {
                    probed = new BigCommerceClient.Contact(now, probe());
                    return probed;
                });
    }

    private String probe() {
        try {
            if (!store.catalogAnswers()) {
                return "Store " + store.name() + MISSING;
            }
            return null;
        } catch (BigCommerceException e) {
            return e.getMessage();
        }
    }
}
