package dev.storesync;

import dev.storesync.bigcommerce.StoreClients;
import dev.storesync.config.LazyTemplate;
import dev.storesync.config.Settings;
import dev.storesync.hooks.HookLifecycle;
import dev.storesync.intake.WebhookSecrets;
import dev.storesync.persistence.StoredSettings;
import dev.storesync.queue.LeaseGuard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

/**
 * The two stores' API clients, and Store A's webhook subscriptions. Wired here rather than in {@code bigcommerce},
 * which by DESIGN §3 uses nothing of ours but {@code config}.
 */
@Configuration
public class StoresConfiguration implements CamelConfiguration {

    /** Store A and Store B, each with its own client and rate-limit gate: every call to a store goes through them. */
    @BindToRegistry(lazy = true)
    public StoreClients storeClients(Settings settings, LazyTemplate template, MeterRegistry meters) {
        // a sync whose lease is gone (taken over, past its deadline, stopped) writes nothing more to Store B
        return StoreClients.create(settings, template::template, meters, LeaseGuard::checkCurrent);
    }

    @BindToRegistry(lazy = true)
    public HookLifecycle hookLifecycle(
            StoreClients stores,
            Settings settings,
            WebhookSecrets.Resolved secret,
            StoredSettings stored,
            Clock clock) {
        return new HookLifecycle(
                stores.storeA(),
                settings.http().appUrl(),
                secret.secret(),
                settings.storeBChannelOnStoreA(),
                stored,
                clock);
    }
}
