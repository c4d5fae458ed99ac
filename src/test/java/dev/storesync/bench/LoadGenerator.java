package dev.storesync.bench;

import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop webhook sender: {@code senders} threads, each posting the next webhook as soon as the last one is
 * answered, for a fixed time or number of webhooks. Every body is a new event (its own {@code created_at}), so each 200
 * is a durable insert, never a duplicate; the product ids cycle over 1,000, as a busy store's would, or are all new (each
 * webhook then makes a task: a backlog grows).
 */
final class LoadGenerator {
    /** What one run measured: answers by outcome and the latency of each 200, in microseconds. */
    record Result(int senders, long ok, long failed, Duration elapsed, Distribution latencyMicros) {
        double perSecond() {
            return ok / (elapsed.toNanos() / 1e9);
        }
    }

    private static final AtomicLong EVENTS = new AtomicLong();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI intake;
    private final boolean newProducts;

    LoadGenerator(int port) {
        this(port, false);
    }

    /** @param newProducts every webhook for a product not seen before */
    LoadGenerator(int port, boolean newProducts) {
        this.intake = URI.create("http://127.0.0.1:" + port + "/webhooks");
        this.newProducts = newProducts;
    }

    Result run(int senders, Duration duration) throws Exception {
        return run(senders, duration, Long.MAX_VALUE);
    }

    /** Sends {@code total} webhooks (or for at most an hour). */
    Result send(int senders, long total) throws Exception {
        return run(senders, Duration.ofHours(1), total);
    }

    private Result run(int senders, Duration duration, long total) throws Exception {
        AtomicLong budget = new AtomicLong(total);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        AtomicLong failed = new AtomicLong();
        for (int i = 0; i < senders; i++) {
            workers.add(pool.submit(() -> send(deadline, budget, failed)));
        }
        List<Long> latencies = new ArrayList<>();
        for (Future<long[]> worker : workers) {
            for (long micros : worker.get()) {
                latencies.add(micros);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        pool.shutdown();
        return new Result(senders, latencies.size(), failed.get(), elapsed, Distribution.of(latencies));
    }

    private long[] send(long deadline, AtomicLong budget, AtomicLong failed) {
        long[] latencies = new long[1024];
        int count = 0;
        while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
            long n = EVENTS.incrementAndGet();
            HttpRequest request = HttpRequest.newBuilder(intake)
                    .header("Content-Type", "application/json")
                    .header("X-Webhook-Secret", RunningService.SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            Webhooks.product("updated", newProducts ? 1_000 + n : 1 + n % 1000, 1_700_000_000L + n)))
                    .build();
            long sent = System.nanoTime();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status != 200) {
                    failed.incrementAndGet();
                    continue;
                }
            } catch (Exception e) {
                failed.incrementAndGet();
                continue;
            }
            if (count == latencies.length) {
                latencies = java.util.Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = (System.nanoTime() - sent) / 1000;
        }
        return java.util.Arrays.copyOf(latencies, count);
    }
}
