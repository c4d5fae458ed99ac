package dev.storesync.bigcommerce;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Calls per store, method and status; 429s; latency. */
public final class ApiMetrics {
    private final MeterRegistry registry;
    private final String store;

    public ApiMetrics(MeterRegistry registry, String store) {
        this.registry = registry;
        this.store = store;
        // present from the start, so that a dashboard shows 0 rather than nothing
        rateLimited();
    }

    private Counter rateLimited() {
        return Counter.builder("storesync_api_rate_limited")
                .description("Calls a store refused with 429")
                .tag("store", store)
                .register(registry);
    }

    /** @param status the HTTP status, or "io_error" when no answer came */
    void call(ApiRequest.Method method, String status, Duration latency) {
        Counter.builder("storesync_api_calls")
                .description("Calls to a store's API")
                .tag("store", store)
                .tag("method", method.name())
                .tag("status", status)
                .register(registry)
                .increment();
        Timer.builder("storesync_api_latency")
                .description("Time from sending a call to its answer")
                .tag("store", store)
                .tag("method", method.name())
                .register(registry)
                .record(latency);
        if ("429".equals(status)) {
            rateLimited().increment();
        }
    }
}
