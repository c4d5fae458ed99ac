package dev.storesync.hooks;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.Hook;
import dev.storesync.config.Secret;
import dev.storesync.config.Settings;
import dev.storesync.persistence.StoredSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Store A's webhooks as storesync needs them: for each scope, exactly one active hook to
 * {@code ${APP_URL}/webhooks} carrying the secret header. Deactivated hooks (BigCommerce deactivates them after 48
 * hours of failed deliveries) are re-activated and the gap is recorded for a reconcile to cover. Only hooks under
 * {@code ${APP_URL}/webhooks} are this service's; hooks of any other destination are never touched. A second run
 * changes nothing.
 */
public final class HookLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(HookLifecycle.class);
    private static final String SECRET_HEADER = Settings.WEBHOOK_SECRET_HEADER;
    /** Settings keys of the webhook gap: when hooks were found deactivated, and since when they had been. */
    public static final String GAP_SINCE = "hooks.gap.since";

    public static final String GAP_FOUND_AT = "hooks.gap.found-at";

    private final BigCommerceStore storeA;
    private final Optional<URI> appUrl;
    private final Secret secret;
    private final Set<String> scopes;
    private final StoredSettings stored;
    private final Clock clock;
    private final AtomicReference<Outcome> last = new AtomicReference<>();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    /** What one run found and did. */
    public record Outcome(
            Instant at,
            int active,
            int created,
            int updated,
            int reactivated,
            int deleted,
            List<String> blockedDestinations) {

        public int writes() {
            return created + updated + reactivated + deleted;
        }
    }

    public HookLifecycle(
            BigCommerceStore storeA,
            Optional<URI> appUrl,
            Secret secret,
            OptionalLong storeBChannelOnStoreA,
            StoredSettings stored,
            Clock clock) {
        this.storeA = storeA;
        this.appUrl = appUrl;
        this.secret = secret;
        this.scopes = scopes(storeBChannelOnStoreA);
        this.stored = stored;
        this.clock = clock;
    }

    /**
     * The scopes the sync needs: products (and their metafields), SKUs and categories, and Store B's channel
     * assignments when known.
     */
    public static Set<String> scopes(OptionalLong storeBChannelOnStoreA) {
        Set<String> scopes = new LinkedHashSet<>();
        for (String resource : List.of("product", "product/metafield", "sku", "category")) {
            for (String action : List.of("created", "updated", "deleted")) {
                scopes.add("store/" + resource + "/" + action);
            }
        }
        storeBChannelOnStoreA.ifPresent(channel -> {
            scopes.add("store/channel/" + channel + "/product/assigned");
            scopes.add("store/channel/" + channel + "/product/unassigned");
        });
        return scopes;
    }

    public Optional<Outcome> lastOutcome() {
        return Optional.ofNullable(last.get());
    }

    /** Why the last run failed; empty once a run succeeds. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    public Outcome reconcile() {
        try {
            Outcome outcome = reconcileOnce();
            lastFailure.set(null);
            return outcome;
        } catch (RuntimeException e) {
            lastFailure.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw e;
        }
    }

    private Outcome reconcileOnce() {
        String destination = destination();
        List<Hook> hooks = storeA.hooks().stream()
                .filter(h -> h.destination() != null
                        && (h.destination().equals(destination)
                                || h.destination().startsWith(destination + "/")))
                .toList();
        int created = 0;
        int updated = 0;
        int reactivated = 0;
        int deleted = 0;
        List<Hook> keep = new ArrayList<>();
        for (String scope : scopes) {
            List<Hook> candidates = hooks.stream()
                    .filter(h -> h.scope().equals(scope) && h.destination().equals(destination))
                    .sorted(Comparator.comparing(Hook::isActive).reversed().thenComparingLong(Hook::id))
                    .toList();
            if (candidates.isEmpty()) {
                storeA.createHook(new Hook.Write(scope, destination, true, headers()));
                created++;
                continue;
            }
            Hook hook = candidates.get(0);
            keep.add(hook);
            boolean inactive = !hook.isActive();
            boolean staleSecret = !secret.matches(hook.headers().get(SECRET_HEADER))
                    || hook.headers().size() != 1;
            if (inactive || staleSecret) {
                storeA.updateHook(hook.id(), new Hook.Write(scope, destination, true, headers()));
                if (inactive) {
                    recordGap(hook);
                    reactivated++;
                } else {
                    updated++;
                }
            }
        }
        for (Hook hook : hooks) {
            if (!keep.contains(hook)) {
                // a duplicate, a scope no longer needed, or the original service's per-scope path
                storeA.deleteHook(hook.id());
                deleted++;
            }
        }
        List<String> blocked = blockedDestinations();
        Outcome outcome = new Outcome(clock.instant(), scopes.size(), created, updated, reactivated, deleted, blocked);
        last.set(outcome);
        if (outcome.writes() > 0) {
            LOG.info(
                    "Store A hooks: {} created, {} updated, {} re-activated, {} deleted; {} scopes active",
                    created,
                    updated,
                    reactivated,
                    deleted,
                    scopes.size());
        }
        return outcome;
    }

    private String destination() {
        return appUrl.orElseThrow(() -> new IllegalStateException("APP_URL is needed to register hooks")) + "/webhooks";
    }

    private Map<String, String> headers() {
        return Map.of(SECRET_HEADER, secret.reveal());
    }

    /**
     * Remembers since when webhooks may have been missed: the hook's last change is when BigCommerce deactivated it.
     * The earliest such time is kept until a reconcile covers it.
     */
    private void recordGap(Hook hook) {
        Instant since = hook.updatedAt() > 0 ? Instant.ofEpochSecond(hook.updatedAt()) : clock.instant();
        Optional<Instant> known = stored.get(GAP_SINCE).map(Instant::parse);
        if (known.isEmpty() || since.isBefore(known.get())) {
            stored.put(GAP_SINCE, since.toString());
        }
        stored.put(GAP_FOUND_AT, clock.instant().toString());
        LOG.warn(
                "Store A's hook for {} had been deactivated since {}; re-activated, and the gap is recorded for a reconcile",
                hook.scope(),
                since);
    }

    /** Whether Store A's denylist (as last seen) names this service's address. */
    public boolean ourDestinationBlocked(Outcome outcome) {
        return appUrl.isPresent() && outcome.blockedDestinations().stream().anyMatch(d -> sameHost(d, appUrl.get()));
    }

    private static boolean sameHost(String destination, URI appUrl) {
        try {
            String host = URI.create(destination).getHost();
            return appUrl.getHost().equalsIgnoreCase(host == null ? destination : host);
        } catch (IllegalArgumentException e) {
            return destination.contains(appUrl.getHost());
        }
    }

    /** Destinations BigCommerce stopped sending to ({@code /hooks/admin}); logged when one is this service's. */
    private List<String> blockedDestinations() {
        List<String> blocked = new ArrayList<>();
        for (BigCommerceStore.BlockedDestination domain : storeA.blockedDestinations()) {
            blocked.add(domain.destination());
            if (appUrl.isPresent() && sameHost(domain.destination(), appUrl.get())) {
                LOG.warn(
                        "Store A has put {} on its webhook denylist for another {} s",
                        domain.destination(),
                        domain.secondsLeft());
            }
        }
        return blocked;
    }
}
