package dev.storesync.bench;

import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * §10 "webhook intake, durable" and "resident memory under load": webhooks per second and latency at each number of
 * concurrent senders, with the service's CPU use and its peak resident memory meanwhile; first with the dispatcher
 * suspended (intake alone, what the target is about), then with it syncing every event as it comes.
 */
final class IntakeBench {
    /**
     * One level's load and what the service used for it (CPU in cores, -1 when unknown); {@code syncing} says whether
     * the dispatcher ran meanwhile.
     */
    record Level(boolean syncing, WebhookLoad.Result load, double cpuCores, long peakResidentKb) {}

    /** The routes that start syncs; suspended (as an operator can in Hawtio), intake is measured on its own. */
    private static final List<String> DISPATCH_ROUTES =
            List.of("dispatch-on-wakeup", "dispatch-on-schedule", "redelivery");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private IntakeBench() {}

    static List<Level> run(ServiceProcess service, List<Integer> senders, Duration each, Duration warmUp)
            throws Exception {
        WebhookLoad generator = WebhookLoad.of(service.port(), false);
        generator.run(16, warmUp);
        List<Level> levels = new java.util.ArrayList<>();
        dispatch(service, "suspend()");
        try {
            for (int n : senders) {
                levels.add(level(service, generator, n, each, false));
            }
        } finally {
            dispatch(service, "resume()");
        }
        for (int n : senders) {
            levels.add(level(service, generator, n, each, true));
        }
        return levels;
    }

    static void dispatch(ServiceProcess service, String operation) throws Exception {
        for (String route : DISPATCH_ROUTES) {
            String mbean = "org.apache.camel:context=storesync,type=routes,name=\\\"" + route + "\\\"";
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + service.managementPort() + "/observe/jolokia/"))
                            .header("Authorization", ServiceProcess.basic(FaultRig.ADMIN_USER, FaultRig.ADMIN_PASSWORD))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"exec\",\"mbean\":\"" + mbean
                                    + "\",\"operation\":\"" + operation + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (!answer.body().contains("\"status\":200")) {
                throw new IllegalStateException("Jolokia " + operation + " " + route + ": " + answer.body());
            }
        }
    }

    private static Level level(
            ServiceProcess service, WebhookLoad generator, int senders, Duration each, boolean syncing)
            throws Exception {
        AtomicLong peakRss = new AtomicLong(-1);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(
                () -> ProcessStats.of(service.pid())
                        .ifPresent(s -> peakRss.accumulateAndGet(s.residentKb(), Math::max)),
                0,
                200,
                TimeUnit.MILLISECONDS);
        Optional<ProcessStats> before = ProcessStats.of(service.pid());
        WebhookLoad.Result load = generator.run(senders, each);
        Optional<ProcessStats> after = ProcessStats.of(service.pid());
        sampler.shutdown();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        double cores = before.isPresent() && after.isPresent()
                ? (after.get().cpuTicks() - before.get().cpuTicks())
                        / (double) ProcessStats.TICKS_PER_SECOND
                        / (load.elapsed().toNanos() / 1e9)
                : -1;
        return new Level(syncing, load, cores, peakRss.get());
    }
}
