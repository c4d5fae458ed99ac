package dev.storesync.bench;

import dev.storesync.testsupport.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * §10 "webhook intake, durable" and "resident memory under load": webhooks per second and latency at each number of
 * concurrent senders, with the service's CPU use and its peak resident memory meanwhile.
 */
final class IntakeBench {
    /** One level's load and what the service used for it (CPU in cores, -1 when unknown). */
    record Level(LoadGenerator.Result load, double cpuCores, long peakResidentKb) {}

    private IntakeBench() {}

    static List<Level> run(ServiceProcess service, List<Integer> senders, Duration each, Duration warmUp)
            throws Exception {
        LoadGenerator generator = new LoadGenerator(service.port());
        generator.run(16, warmUp);
        List<Level> levels = new java.util.ArrayList<>();
        for (int n : senders) {
            levels.add(level(service, generator, n, each));
        }
        return levels;
    }

    private static Level level(ServiceProcess service, LoadGenerator generator, int senders, Duration each)
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
        LoadGenerator.Result load = generator.run(senders, each);
        Optional<ProcessStats> after = ProcessStats.of(service.pid());
        sampler.shutdown();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        double cores = before.isPresent() && after.isPresent()
                ? (after.get().cpuTicks() - before.get().cpuTicks())
                        / (double) ProcessStats.TICKS_PER_SECOND
                        / (load.elapsed().toNanos() / 1e9)
                : -1;
        return new Level(load, cores, peakRss.get());
    }
}
