package dev.storesync.bigcommerce;

import dev.storesync.config.Settings;
import dev.storesync.config.StoreCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;

/** Store A (the source) and Store B (the destination), each with its own client and rate-limit gate. */
public record StoreClients(BigCommerceStore storeA, BigCommerceStore storeB) {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** @param beforeStoreBWrite runs before every write to Store B and may refuse it (a sync whose lease is gone) */
    public static StoreClients create(
            Settings settings, Supplier<ProducerTemplate> template, MeterRegistry meters, Runnable beforeStoreBWrite) {
        return new StoreClients(
                new BigCommerceStore(client(
                        "A",
                        settings.storeA(),
                        settings.api(),
                        template,
                        meters,
                        BigCommerceClient.Retries.DEFAULT,
                        () -> {})),
                new BigCommerceStore(client(
                        "B",
                        settings.storeB(),
                        settings.api(),
                        template,
                        meters,
                        BigCommerceClient.Retries.DEFAULT,
                        beforeStoreBWrite)));
    }

    /** One store's client over camel-http, with its own rate-limit gate. */
    public static BigCommerceClient client(
            String name,
            StoreCredentials store,
            Settings.Api api,
            Supplier<ProducerTemplate> template,
            MeterRegistry meters,
            BigCommerceClient.Retries retries) {
        return client(name, store, api, template, meters, retries, () -> {});
    }

    private static BigCommerceClient client(
            String name,
            StoreCredentials store,
            Settings.Api api,
            Supplier<ProducerTemplate> template,
            MeterRegistry meters,
            BigCommerceClient.Retries retries,
            Runnable beforeWrite) {
        long connect = Math.min(CONNECT_TIMEOUT.toMillis(), api.timeout().toMillis());
        HttpTransport transport =
                new CamelHttpTransport(template, store, connect, api.timeout().toMillis());
        return new BigCommerceClient(
                name,
                transport,
                new RateLimitGate(Clock.systemUTC(), api.quotaReserve()),
                new ApiMetrics(meters, name),
                retries,
                beforeWrite);
    }
}
