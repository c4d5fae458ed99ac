package dev.storesync.bench;

import dev.storesync.testsupport.Webhooks;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop webhook senders: each of {@code senders} connections posts the next webhook as soon as the last one is
 * answered. Every body is a new event (its own {@code created_at}), so each 200 is a durable insert, never a duplicate;
 * the product ids cycle over 1,000, as a busy store's would, or are all new (each webhook then makes a task: a backlog
 * grows).
 *
 * <p>The figures were taken with wrk, a client in C that needs little of the two cores it shares with the
 * service; {@link #of} uses it when it is installed ({@link WrkLoad}), and {@link LoadGenerator}, in this JVM,
 * otherwise. RESULTS.md says which one measured.
 */
interface WebhookLoad {
    /**
     * What one run measured: answers by outcome and the latency of the answers, in microseconds; {@code client} says what
     * sent them, shown beside the figures.
     */
    record Result(String client, int senders, long ok, long failed, Duration elapsed, Distribution latencyMicros) {
        double perSecond() {
            return ok / (elapsed.toNanos() / 1e9);
        }
    }

    /** Every body of every client in this JVM is a new event. */
    AtomicLong EVENTS = new AtomicLong();

    Result run(int senders, Duration duration) throws Exception;

    /** @param newProducts every webhook for a product not seen before */
    static WebhookLoad of(int port, boolean newProducts) {
        return WrkLoad.installed() && !"java".equals(System.getProperty("storesync.bench.client"))
                ? new WrkLoad(port, newProducts)
                : new LoadGenerator(port, newProducts);
    }

    /** The next new event, for a new product or one of 1,000. */
    static String nextBody(boolean newProducts) {
        long n = EVENTS.incrementAndGet();
        return Webhooks.product("updated", newProducts ? 1_000 + n : 1 + n % 1000, 1_700_000_000L + n);
    }
}
