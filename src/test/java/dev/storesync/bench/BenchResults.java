package dev.storesync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** bench/RESULTS.md: the machine, the date, the commit, and each figure next to its DESIGN §10 target. */
final class BenchResults {
    private final StringBuilder out = new StringBuilder();

    BenchResults(String mode, String command) {
        out.append("# Benchmark results\n\n");
        out.append("Measured by `").append(command).append("` (").append(mode).append(").\n\n");
        out.append("| | |\n|---|---|\n");
        row("date", LocalDate.now().toString());
        row("commit", Machine.commit());
        row("machine", Machine.describe());
        row("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        out.append('\n');
    }

    void startup(Duration toReady) {
        section("Start-up");
        out.append("From `java -jar` to `/observe/health/ready` answering 200, embedded database: **")
                .append(seconds(toReady))
                .append("**.\n");
    }

    void startup(StartupBench.Outcome outcome) {
        section("Start-up (target ≤ 3 s to ready, empty data directory)");
        out.append("| how | starts | median | slowest | target met |\n|---|---:|---:|---:|---|\n");
        startupRow(
                "as the README runs it: `java @jvm.options -XX:SharedArchiveFile=target/storesync.jsa -jar`",
                outcome.asDocumented());
        startupRow("the same without the class data archive", outcome.withoutArchive());
        out.append("\nFrom starting the JVM to `/observe/health/ready` answering 200, each start on a new data"
                + " directory, the simulated stores up. The archive is the one the build records (pom.xml: one"
                + " `--demo` run with `-XX:ArchiveClassesAtExit`), as the Dockerfile records its own.\n");
    }

    private void startupRow(String how, List<Duration> starts) {
        List<Duration> sorted = starts.stream().sorted().toList();
        Duration median = sorted.get(sorted.size() / 2);
        out.append(String.format(
                Locale.ROOT,
                "| %s | %d | %s | %s | %s |%n",
                how,
                starts.size(),
                seconds(median),
                seconds(sorted.get(sorted.size() - 1)),
                median.compareTo(Duration.ofSeconds(3)) <= 0 ? "yes" : "**no**"));
    }

    void intake(List<IntakeBench.Level> levels) {
        section("1. Webhook intake, durable (target ≥ 3,000 req/s, p99 ≤ 25 ms on 2 cores, embedded DB)");
        out.append("| dispatcher | senders | webhooks/s | p50 | p99 | p99.9 | failed | service CPU (cores) | peak RSS"
                + " | target met |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (IntakeBench.Level level : levels) {
            WebhookLoad.Result load = level.load();
            Distribution latency = load.latencyMicros();
            boolean met = load.perSecond() >= 3000 && latency.percentile(99) <= 25_000;
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %,.0f | %s | %s | %s | %d | %s | %s | %s |%n",
                    level.syncing() ? "syncing" : "suspended",
                    load.senders(),
                    load.perSecond(),
                    Distribution.ms(latency.percentile(50)),
                    Distribution.ms(latency.percentile(99)),
                    Distribution.ms(latency.percentile(99.9)),
                    load.failed(),
                    level.cpuCores() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", level.cpuCores()),
                    level.peakResidentKb() < 0 ? "n/a" : (level.peakResidentKb() / 1024) + " MB",
                    met ? "yes" : "**no**"));
        }
        long peak = levels.stream()
                .mapToLong(IntakeBench.Level::peakResidentKb)
                .max()
                .orElse(-1);
        out.append("\nResident memory under this load (target ≤ 300 MB): **")
                .append(peak < 0 ? "n/a" : (peak / 1024) + " MB")
                .append("**")
                .append(peak < 0 ? "" : (peak / 1024 <= 300 ? " (met)" : " (**not met**)"))
                .append(". Every webhook is a new event (a durable insert and a task upsert, then the answer).")
                .append(" With the dispatcher suspended (its routes, through Jolokia) intake runs alone; syncing,")
                .append(" the service also syncs every event as it comes (the product ids do not exist in Store A,")
                .append(" so each sync reads a 404 and ends). The webhooks were sent by ")
                .append(levels.get(0).load().client())
                .append("; it and both simulated stores share the machine's cores with the service.\n");
    }

    void backlog(BacklogBench.Outcome outcome) {
        section("1b. Intake and operator views against the backlog (targets: intake ≥ 0.8 × the empty-queue figure,"
                + " status and metrics ≤ 250 ms, ≤ 3 KB of files per stored webhook)");
        out.append(
                "| tasks waiting (intake's start → end) | webhooks/s (16 senders) | p99 | `/admin/api/status` median / max"
                        + " | `/observe/metrics` median / max | data file | per stored webhook | RSS |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double empty = outcome.points().get(0).intake().perSecond();
        for (BacklogBench.Point point : outcome.points()) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %,d → %,d | %,.0f (%.2f ×) | %s | %s / %s | %s / %s | %,.1f MB | %,.1f KB | %s |%n",
                    point.tasks(),
                    point.tasksAfter(),
                    point.intake().perSecond(),
                    point.intake().perSecond() / empty,
                    Distribution.ms(point.intake().latencyMicros().percentile(99)),
                    Distribution.ms(point.statusMicros().percentile(50)),
                    Distribution.ms(point.statusMicros().percentile(100)),
                    Distribution.ms(point.metricsMicros().percentile(50)),
                    Distribution.ms(point.metricsMicros().percentile(100)),
                    point.fileBytes() / 1e6,
                    point.events() == 0 ? 0 : point.fileBytes() / 1024.0 / point.events(),
                    point.residentKb() < 0 ? "n/a" : (point.residentKb() / 1024) + " MB"));
        }
        out.append(String.format(
                Locale.ROOT,
                "%nThen the service stops, and a new process runs what the cleanup does once events are past their"
                        + " retention. Opening the file (%,.1f MB), its start cut it back to %,.1f MB (a start copies a"
                        + " file that is mostly free space); after the cleanup's deletions of %,d events and its"
                        + " compaction (the tasks, the backlog itself, stay) it held %,.1f MB (the space is reused, the"
                        + " file keeps its size); after the next start **%,.1f MB** (that start took %s to open the"
                        + " file).%n",
                outcome.fileBytesStopped() / 1e6,
                outcome.fileBytesOpened() / 1e6,
                outcome.eventsDeleted(),
                outcome.fileBytesAfterCleanup() / 1e6,
                outcome.fileBytesAfterNextStart() / 1e6,
                Distribution.ms(outcome.nextStartOpening().toNanos() / 1000)));
        out.append("\nThe dispatcher is suspended throughout (as while Store B is down), so every webhook for a new"
                + " product adds a task; the first row follows a 45 s warm-up on 1,000 products. At each size, 16 senders ("
                + outcome.points().get(0).intake().client()
                + ") post webhooks for new products, so the backlog grows while they do (the first column: its size when"
                + " they start and when they stop; before each size the backlog is filled up to it unless the intake"
                + " before already passed it), then each operator view is read 10 times. Per stored webhook: the"
                + " file's size over the events stored.\n");
    }

    void endToEnd(EndToEndBench.Cases cases) {
        section("2. Webhook → Store B updated, both stores at " + EndToEndBench.API_LATENCY.toMillis()
                + " ms API latency");
        out.append("| product | samples | p50 | p95 | target | met |\n|---|---:|---:|---:|---|---|\n");
        e2eRow("simple product, price change", cases.simple(), 1000);
        e2eRow("20 variants, 10 images: first sync", cases.bigFirstSync(), 3000);
        e2eRow("20 variants, 10 images: price change", cases.bigUpdate(), 1000);
        out.append("\nFrom the edit in Store A to Store B's answer to the sync's last write (simulator timestamps),"
                + " one edit at a time. The original service: ~3 s plus up to 15 s of polling.\n");
    }

    private void e2eRow(String name, Distribution ms, long targetMs) {
        out.append(String.format(
                Locale.ROOT,
                "| %s | %d | %d ms | %d ms | p50 ≤ %d ms | %s |%n",
                name,
                ms.count(),
                ms.percentile(50),
                ms.percentile(95),
                targetMs,
                ms.percentile(50) <= targetMs ? "yes" : "**no**"));
    }

    void economy(List<EconomyBench.Change> changes) {
        section("3. API economy: calls per sync (20 variants, 2 options, 10 images, a brand, 2 categories"
                + " with a parent each)");
        out.append("| change | Store A reads | Store B reads | Store B writes | total | the original service |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (EconomyBench.Change change : changes) {
            StoreCalls c = change.ours();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %d | **%d** | %d |%n",
                    change.name(),
                    c.aReads(),
                    c.bReads(),
                    c.bWrites(),
                    c.total(),
                    change.original()));
        }
        out.append(
                "\nTargets: a price change ≤ 4 calls; a no-op ≤ 3 reads and 0 writes. Counted by the simulator;"
                        + " the original service's counts follow its algorithm (issue 9), which does the same on every sync.\n");
    }

    void backfill(BackfillBench.Outcome b) {
        section("4. Backfill (target ≥ 90 % of the quota used, 0 failed tasks)");
        out.append(String.format(
                Locale.ROOT,
                "%,d seeded products into an empty Store B under a quota of %d requests per %s"
                        + " (BigCommerce's 150 per 30 s%s).%n%n",
                b.products(),
                b.quota(),
                seconds(b.window()),
                b.window().equals(Duration.ofSeconds(30)) ? "" : ", window scaled down; same calls per window"));
        out.append("| elapsed | Store B calls | quota used | 429s | failed tasks | products/min | products in B |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        out.append(String.format(
                Locale.ROOT,
                "| %s | %,d | %.0f %% %s | %d | %d | %,.0f | %,d |%n",
                seconds(b.elapsed()),
                b.calls(),
                b.quotaUsed() * 100,
                b.quotaUsed() >= 0.9 ? "(met)" : "(**not met**)",
                b.refused(),
                b.failedTasks(),
                b.productsPerMinute(),
                b.productsInStoreB()));
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out, StandardCharsets.UTF_8);
        System.out.print(out);
    }

    private void section(String title) {
        out.append("\n## ").append(title).append("\n\n");
    }

    private void row(String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
