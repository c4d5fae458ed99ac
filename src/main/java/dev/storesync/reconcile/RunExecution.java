package dev.storesync.reconcile;

import dev.storesync.bigcommerce.BigCommerceStore;
import dev.storesync.bigcommerce.Product;
import dev.storesync.queue.ResourceKey;
import dev.storesync.reconcile.ReconcileRequest.Resource;
import dev.storesync.sync.Comparison;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one run through its resources: categories and brands in full, then Store A's products page by page in id
 * order. After every page the progress is saved (and the claim renewed) before the next is read, so a run resumed after
 * a crash starts at the first unfinished page. An abort is noticed between pages.
 */
final class RunExecution {
    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);
    /** The hint a reconcile's task carries: its sync compares everything, metafields included. */
    static final String HINT = "reconcile";

    /** Thrown between pages when an operator asked the run to stop. */
    static final class Aborted extends RuntimeException {
        Aborted() {
            super("aborted", null, false, false);
        }
    }

    /** Thrown when another instance has taken the run over (this one was too slow to renew its claim). */
    static final class Lost extends RuntimeException {
        Lost() {
            super("claim lost", null, false, false);
        }
    }

    private final ReconcileRun run;
    private final RunContext context;
    private volatile boolean stopping;

    RunExecution(ReconcileRun run, RunContext context) {
        this.run = run;
        this.context = context;
    }

    ReconcileRun run() {
        return run;
    }

    /** The service is stopping: what fails from here on is the stop, not the run. */
    void stop() {
        stopping = true;
    }

    /** Runs to the end, or until aborted; failures end the run as failed with the reason. */
    void execute() {
        try {
            for (Resource resource : Resource.values()) {
                ResourceProgress progress = run.progress.get(resource);
                if (progress == null || progress.done) {
                    continue;
                }
                switch (resource) {
                    case CATEGORIES -> whole(
                            resource, progress, context.categories().compare());
                    case BRANDS -> whole(resource, progress, context.brands().compare());
                    case PRODUCTS -> products(progress);
                }
            }
            finish(ReconcileRun.Status.DONE, Optional.empty());
        } catch (Aborted e) {
            finish(ReconcileRun.Status.ABORTED, Optional.empty());
        } catch (Lost e) {
            LOG.warn("reconcile {}: another instance has taken the run over; this one stops", run.id);
        } catch (RuntimeException e) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                LOG.info("reconcile {} stopped with the service; the next start resumes it", run.id);
                return;
            }
            LOG.warn("reconcile {} failed: {}", run.id, e.getMessage());
            finish(ReconcileRun.Status.FAILED, Optional.of(String.valueOf(e.getMessage())));
        }
    }

    private void whole(Resource resource, ResourceProgress progress, Comparison compared) {
        checkAbort();
        progress.total = compared.scanned();
        progress.scanned = compared.scanned();
        List<Drift> drift = PageComparison.drift(singular(resource), compared);
        found(resource, progress, drift, drift.stream().map(Drift::storeAId).toList());
        progress.done = true;
        progress.pages = 1;
        saveAndLog(resource, progress);
    }

    private void products(ResourceProgress progress) {
        while (!progress.done) {
            checkAbort();
            Page page = nextPage(progress);
            ComparedPage compared = context.pages().compare(page.products(), run.request.backfill());
            List<Long> toQueue = compared.differingIds();
            if (run.request.backfill()) {
                Backfill.Result result = context.backfill().apply(compared);
                progress.written += result.written();
                toQueue = result.handedOver();
            }
            found(Resource.PRODUCTS, progress, compared.drift(), toQueue);
            progress.scanned += compared.scanned();
            progress.pages++;
            progress.cursor = page.cursor();
            progress.done = page.last();
            saveAndLog(Resource.PRODUCTS, progress);
        }
    }

    private record Page(List<Product> products, long cursor, boolean last) {}

    private Page nextPage(ResourceProgress progress) {
        if (run.request.limit().isPresent()) {
            List<Long> chosen = run.chosenIds.orElseGet(() -> choose(progress));
            int from = (int) progress.cursor;
            int to = Math.min(chosen.size(), from + context.settings().pageSize());
            List<Product> products = from >= to ? List.of() : context.storeA().products(chosen.subList(from, to));
            return new Page(products, to, to >= chosen.size());
        }
        BigCommerceStore.ProductPage read = context.storeA()
                .productsAfter(
                        progress.cursor,
                        run.request.force() ? Optional.empty() : run.productsSince,
                        context.settings().pageSize());
        if (progress.total < 0) {
            progress.total = read.total();
        }
        List<Product> products = read.products();
        long cursor = products.isEmpty()
                ? progress.cursor
                : products.get(products.size() - 1).id();
        return new Page(products, cursor, read.last());
    }

    /** The limited run's products, most recently modified first; kept in the run so a resume sees the same ones. */
    private List<Long> choose(ResourceProgress progress) {
        List<Long> chosen =
                context.storeA().recentlyModifiedProductIds(run.request.limit().getAsInt());
        run.chosenIds = Optional.of(chosen);
        progress.total = chosen.size();
        return chosen;
    }

    private void found(Resource resource, ResourceProgress progress, List<Drift> drift, List<Long> toQueue) {
        progress.differing += drift.size();
        context.metrics().differing(resource, drift.size());
        if (run.request.dryRun()) {
            run.addDrift(drift);
            return;
        }
        String type = singular(resource);
        // durable with the progress saved right after (one commit covers every write before it): a crash before it
        // compares this page again
        for (long id : toQueue) {
            context.queue().enqueue(new ResourceKey(context.queue().destination(), type, id), HINT);
            progress.queued++;
        }
        if (!toQueue.isEmpty()) {
            context.wakeUp().wake();
        }
    }

    static String singular(Resource resource) {
        return switch (resource) {
            case CATEGORIES -> "category";
            case BRANDS -> "brand";
            case PRODUCTS -> "product";
        };
    }

    private void checkAbort() {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted");
        }
        if (context.runs().abortRequested(run.id)) {
            throw new Aborted();
        }
    }

    private void saveAndLog(Resource resource, ResourceProgress progress) {
        Instant now = context.clock().instant();
        run.updatedAt = now;
        if (!context.runs()
                .save(run, context.owner(), now.plus(context.settings().lease()))) {
            throw new Lost();
        }
        context.metrics().progress(run);
        LOG.info(
                "reconcile {} {}: {} of {} scanned, {} differ, {} queued{}{}",
                run.id,
                resource.value(),
                progress.scanned,
                progress.total < 0 ? "?" : progress.total,
                progress.differing,
                progress.queued,
                run.request.backfill() ? ", " + progress.written + " written" : "",
                run.eta(now)
                        .map(eta -> ", about " + eta.toSeconds() + " s left")
                        .orElse(""));
    }

    private void finish(ReconcileRun.Status status, Optional<String> error) {
        Instant now = context.clock().instant();
        run.status = status;
        run.error = error;
        run.finishedAt = Optional.of(now);
        run.updatedAt = now;
        context.runs().save(run, context.owner(), now);
        context.metrics().finished(run);
        LOG.info(
                "reconcile {} {} in {} s: {}",
                run.id,
                status.value(),
                Duration.between(run.startedAt, now).toSeconds(),
                run.progress.entrySet().stream()
                        .map(e -> e.getKey().value() + " " + e.getValue().scanned + " scanned, "
                                + e.getValue().differing + " differ")
                        .toList());
    }
}
