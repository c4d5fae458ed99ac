package dev.storesync.bench;

import dev.storesync.testsupport.RunningService;
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
 * The webhook senders in this JVM ({@link WebhookLoad}): {@code senders} threads, each with the JDK's HTTP client, for
 * a fixed time or number of webhooks. It also fills a backlog, which wrk cannot count out exactly.
 */
final class LoadGenerator implements WebhookLoad {
    private static final String CLIENT = "Java's HttpClient, in the benchmark's JVM";
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI intake;
    private final boolean newProducts;

    /** @param newProducts every webhook for a product not seen before */
    LoadGenerator(int port, boolean newProducts) {
        this.intake = URI.create("http://127.0.0.1:" + port + "/webhooks");
        this.newProducts = newProducts;
    }

    @Override
    public Result run(int senders, Duration duration) throws Exception {
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
        return new Result(CLIENT, senders, latencies.size(), failed.get(), elapsed, Distribution.of(latencies));
    }

    private long[] send(long deadline, AtomicLong budget, AtomicLong failed) {
        long[] latencies = new long[1024];
        int count = 0;
        while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
            HttpRequest request = HttpRequest.newBuilder(intake)
                    .header("Content-Type", "application/json")
                    .header("X-Webhook-Secret", RunningService.SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(WebhookLoad.nextBody(newProducts)))
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
