package dev.storesync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.persistence.EmbeddedMongoServer;
import dev.storesync.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * §10 "flat to a 100k backlog": with the dispatcher suspended (as while Store B is down), webhooks for new products pile
 * up as tasks; at each backlog size the intake rate, the operator views' latency ({@code /admin/api/status},
 * {@code /observe/metrics}) and the database file's size are measured. Then the service stops, the cleanup's deletions
 * (every event past its retention) and its compaction run on the file, and its size is measured again, and once more
 * after the next start (which cuts a mostly free file back).
 */
final class BacklogBench {
    /**
     * One backlog size and what was measured there; latencies in microseconds. The intake adds tasks while it is
     * measured (every webhook is for a new product): {@code tasks} before it, {@code tasksAfter} after.
     */
    record Point(
            long tasks,
            long tasksAfter,
            long events,
            WebhookLoad.Result intake,
            Distribution statusMicros,
            Distribution metricsMicros,
            long fileBytes,
            long residentKb) {}

    /**
     * The curve; the file when the service stopped, once the cleanup's process opened it (a start: it copies a mostly
     * free file), after the cleanup (all events deleted: the tasks are the backlog, kept), and after the next start,
     * with how long that start took to open the file.
     */
    record Outcome(
            List<Point> points,
            long fileBytesStopped,
            long fileBytesOpened,
            long eventsDeleted,
            long fileBytesAfterCleanup,
            long fileBytesAfterNextStart,
            Duration nextStartOpening) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = 10;

    private BacklogBench() {}

    static Outcome run(ServiceProcess service, Path dataDir, List<Integer> backlogs, Duration each, Duration warmUp)
            throws Exception {
        LoadGenerator fill = new LoadGenerator(service.port(), true);
        WebhookLoad measure = WebhookLoad.of(service.port(), true);
        List<Point> points = new ArrayList<>();
        IntakeBench.dispatch(service, "suspend()");
        // a fresh JVM compiles for its first minute: warm it up on 1,000 products, a backlog of at most that many
        WebhookLoad.of(service.port(), false).run(16, warmUp);
        for (int backlog : backlogs) {
            // a refused webhook (503 while the database is slow) makes no task: send until the backlog is there
            long missing = backlog - tasks(service);
            for (int round = 0; round < 5 && missing > 0; round++) {
                fill.send(64, missing);
                missing = backlog - tasks(service);
            }
            long tasks = tasks(service);
            WebhookLoad.Result intake = measure.run(16, each);
            long tasksAfter = tasks(service);
            Distribution status = latencies(service, service.port(), "/admin/api/status");
            Distribution metrics = latencies(service, service.managementPort(), "/observe/metrics");
            long rss =
                    ProcessStats.of(service.pid()).map(ProcessStats::residentKb).orElse(-1L);
            points.add(new Point(
                    tasks, tasksAfter, events(service), intake, status, metrics, Files.size(file(dataDir)), rss));
        }
        service.terminate();
        return cleanUp(dataDir, points);
    }

    /** What the cleanup does once events are past their retention: deletes them, then gives the space back. */
    private static Outcome cleanUp(Path dataDir, List<Point> points) {
        long stopped = file(dataDir).toFile().length();
        long deleted;
        long opened;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir);
                MongoClient client = MongoClients.create(server.clientSettings())) {
            opened = file(dataDir).toFile().length();
            deleted = client.getDatabase("storesync")
                    .getCollection(CollectionNames.WEBHOOK_EVENTS)
                    .deleteMany(new Document())
                    .getDeletedCount();
            server.commit();
            server.compact();
        }
        long afterCleanup = file(dataDir).toFile().length();
        long started = System.nanoTime();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir)) {
            Duration opening = Duration.ofNanos(System.nanoTime() - started);
            return new Outcome(
                    points,
                    stopped,
                    opened,
                    deleted,
                    afterCleanup,
                    file(dataDir).toFile().length(),
                    opening);
        }
    }

    private static Path file(Path dataDir) {
        return dataDir.resolve("storesync.mv.db");
    }

    private static Distribution latencies(ServiceProcess service, int port, String path) throws Exception {
        long[] micros = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            int status = service.get(port, path).statusCode();
            micros[i] = (System.nanoTime() - start) / 1000;
            if (status != 200) {
                throw new IllegalStateException(path + " answered " + status);
            }
        }
        return Distribution.of(micros);
    }

    private static JsonNode status(ServiceProcess service) throws Exception {
        return JSON.readTree(service.get(service.port(), "/admin/api/status").body());
    }

    private static long tasks(ServiceProcess service) throws Exception {
        long sum = 0;
        for (JsonNode count : status(service).path("tasks")) {
            sum += count.asLong();
        }
        return sum;
    }

    private static long events(ServiceProcess service) throws Exception {
        return status(service).path("events").path("stored").asLong();
    }
}
