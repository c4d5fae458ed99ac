package dev.storesync.reconcile;

import dev.storesync.config.Settings;
import dev.storesync.hooks.HookLifecycle;
import dev.storesync.persistence.Database;
import dev.storesync.persistence.StoredSettings;
import dev.storesync.queue.DispatcherWakeUp;
import dev.storesync.queue.TaskQueue;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, watches, aborts and resumes reconcile runs (DESIGN §7). One run at a time: it executes on this instance's
 * reconcile thread while its claim in {@code reconcile_runs} is renewed page by page. The nightly schedule, the
 * hook-gap check and the admin API all start runs here.
 */
public final class Reconciler extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** Key in {@code settings}: the webhook gap (its found-at time) a run was already started for. */
    static final String GAP_COVERED = "reconcile.hook-gap.covered";

    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RunContext context;
    private final ReconcileRuns runs;
    private final StoredSettings stored;
    private final Settings.Reconcile settings;
    private final String owner;
    private final Clock clock;
    private final AtomicReference<RunExecution> current = new AtomicReference<>();
    private ExecutorService executor;

    /** Why a run could not start: another one is running. */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning(String runId) {
            super("reconcile run " + runId + " is running; abort it or wait for it to finish");
        }
    }

    public Reconciler(
            Database database,
            ReconcileParts parts,
            TaskQueue queue,
            StoredSettings stored,
            MeterRegistry meters,
            Settings.Reconcile settings,
            String owner,
            Clock clock,
            DispatcherWakeUp wakeUp) {
        this.runs = new ReconcileRuns(database);
        this.stored = stored;
        this.settings = settings;
        this.owner = owner;
        this.clock = clock;
        this.context = new RunContext(
                runs,
                parts.storeA(),
                new PageComparison(parts.products()),
                parts.categories(),
                parts.brands(),
                new Backfill(parts.storeB(), parts.writer()),
                queue,
                new ReconcileMetrics(meters),
                settings,
                owner,
                clock,
                wakeUp);
    }

    @Override
    protected void doStart() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "storesync-reconcile");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected void doStop() throws InterruptedException {
        RunExecution stopping = current.get();
        if (stopping != null) {
            stopping.stop();
        }
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
        if (stopping != null && stopping.run().status == ReconcileRun.Status.RUNNING) {
            runs.release(stopping.run().id, owner, clock.instant());
        }
    }

    /** Starts a run now and answers its id. */
    public synchronized String start(ReconcileRequest request) {
        Instant now = clock.instant();
        runs.active(now).ifPresent(active -> {
            throw new AlreadyRunning(active.id);
        });
        Optional<Instant> since = request.force()
                ? Optional.empty()
                : request.since().or(() -> runs.lastCompleteStart().map(start -> start.minus(settings.overlap())));
        String id = "r" + RUN_ID.format(now) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        ReconcileRun run = new ReconcileRun(id, request, now, since);
        runs.insert(run, owner, now.plus(settings.lease()));
        LOG.info(
                "reconcile {} started ({}): {}{}{}{}",
                id,
                request.trigger(),
                request.resources().stream()
                        .map(ReconcileRequest.Resource::value)
                        .sorted()
                        .toList(),
                since.map(s -> ", products modified since " + s).orElse(", all products"),
                request.dryRun() ? ", dry run" : "",
                request.backfill() ? ", backfill" : "");
        execute(run);
        return id;
    }

    public Optional<Map<String, Object>> view(String runId) {
        return runs.find(runId).map(run -> run.view(clock.instant(), runs.abortRequested(runId)));
    }

    public List<Map<String, Object>> recent(int limit) {
        return runs.recent(limit).stream()
                .map(doc -> ReconcileRun.from(doc).view(clock.instant(), doc.getBoolean("abortRequested", false)))
                .toList();
    }

    /** @return false when the run is not running (finished, or unknown) */
    public boolean abort(String runId) {
        boolean asked = runs.requestAbort(runId);
        if (asked) {
            LOG.info("reconcile {}: abort requested", runId);
        }
        return asked;
    }

    /** The nightly run, unless one is already running. */
    public void nightly() {
        startUnlessRunning(ReconcileRequest.scheduled("nightly", Optional.empty()));
    }

    /** After Store A's hooks were found deactivated: one run covering what they may have missed, started once. */
    public void coverHookGap() {
        Optional<String> foundAt = stored.get(HookLifecycle.GAP_FOUND_AT);
        Optional<Instant> since = stored.get(HookLifecycle.GAP_SINCE).map(Instant::parse);
        if (foundAt.isEmpty() || since.isEmpty() || foundAt.equals(stored.get(GAP_COVERED))) {
            return;
        }
        ReconcileRequest request =
                ReconcileRequest.scheduled("hook-gap", Optional.of(since.get().minus(settings.overlap())));
        if (startUnlessRunning(request)) {
            stored.put(GAP_COVERED, foundAt.get());
            stored.remove(HookLifecycle.GAP_SINCE);
        }
    }

    /** Resumes a run whose instance stopped or died, from its first unfinished page. */
    public void resumeAbandoned() {
        if (current.get() != null) {
            return;
        }
        runs.claimAbandoned(owner, clock.instant(), settings.lease()).ifPresent(run -> {
            LOG.info("reconcile {} resumed where it stopped", run.id);
            execute(run);
        });
    }

    private boolean startUnlessRunning(ReconcileRequest request) {
        try {
            start(request);
            return true;
        } catch (AlreadyRunning e) {
            LOG.info("{} reconcile not started: {}", request.trigger(), e.getMessage());
            return false;
        }
    }

    private void execute(ReconcileRun run) {
        RunExecution execution = new RunExecution(run, context);
        current.set(execution);
        context.metrics().started();
        executor.execute(() -> {
            try {
                execution.execute();
            } finally {
                current.compareAndSet(execution, null);
            }
        });
    }
}
