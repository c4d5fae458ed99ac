package dev.storesync.reconcile;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.persistence.Database;
import dev.storesync.persistence.Durability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@code reconcile_runs} collection. A running run is claimed by one instance at a time through {@code owner} and
 * {@code leaseUntil}; every page of progress renews the claim, so a run whose instance died is resumed by whoever
 * claims it after the lease ran out.
 */
final class ReconcileRuns {
    private final MongoCollection<Document> runs;
    private final Durability durability;

    ReconcileRuns(Database database) {
        this.runs = database.mongo().getCollection(CollectionNames.RECONCILE_RUNS);
        this.durability = database.durability();
    }

    void insert(ReconcileRun run, String owner, Instant leaseUntil) {
        runs.insertOne(run.toDocument().append("owner", owner).append("leaseUntil", Date.from(leaseUntil)));
        durability.await();
    }

    Optional<ReconcileRun> find(String id) {
        return Optional.ofNullable(runs.find(Filters.eq("_id", id)).first()).map(ReconcileRun::from);
    }

    boolean abortRequested(String id) {
        Document doc = runs.find(Filters.eq("_id", id)).first();
        return doc != null && doc.getBoolean("abortRequested", false);
    }

    /** @return false when no such run is running */
    boolean requestAbort(String id) {
        return runs.updateOne(
                                Filters.and(
                                        Filters.eq("_id", id),
                                        Filters.eq("status", ReconcileRun.Status.RUNNING.value())),
                                Updates.set("abortRequested", true))
                        .getMatchedCount()
                > 0;
    }

    List<Document> recent(int limit) {
        return runs.find().sort(Sorts.descending("startedAt")).limit(limit).into(new ArrayList<>());
    }

    /** A run that is running under a live claim (this instance's or another's). */
    Optional<ReconcileRun> active(Instant now) {
        return Optional.ofNullable(runs.find(Filters.and(
                                Filters.eq("status", ReconcileRun.Status.RUNNING.value()),
                                Filters.gt("leaseUntil", Date.from(now))))
                        .first())
                .map(ReconcileRun::from);
    }

    /** Takes over a running run whose claim ran out: its instance stopped or died. */
    Optional<ReconcileRun> claimAbandoned(String owner, Instant now, Duration lease) {
        Bson abandoned = Filters.and(
                Filters.eq("status", ReconcileRun.Status.RUNNING.value()), Filters.lte("leaseUntil", Date.from(now)));
        Document doc = runs.findOneAndUpdate(
                abandoned,
                Updates.combine(Updates.set("owner", owner), Updates.set("leaseUntil", Date.from(now.plus(lease)))),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("startedAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(doc).map(ReconcileRun::from);
    }

    /** Saves a page of progress and renews the claim; false when another instance has taken the run over. */
    boolean save(ReconcileRun run, String owner, Instant leaseUntil) {
        Document fields = run.progressFields().append("leaseUntil", Date.from(leaseUntil));
        boolean saved = runs.updateOne(
                                Filters.and(Filters.eq("_id", run.id), Filters.eq("owner", owner)),
                                new Document("$set", fields))
                        .getMatchedCount()
                > 0;
        durability.await();
        return saved;
    }

    /** Lets the run go at once (a graceful stop), so the next start resumes it without waiting for the lease. */
    void release(String id, String owner, Instant now) {
        runs.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("owner", owner)),
                Updates.set("leaseUntil", Date.from(now)));
        durability.await();
    }

    /** When the last finished run that compared every product changed since its start began: the next bookmark. */
    Optional<Instant> lastCompleteStart() {
        Document doc = runs.find(Filters.and(
                        Filters.eq("status", ReconcileRun.Status.DONE.value()), Filters.eq("coversAllProducts", true)))
                .sort(Sorts.descending("startedAt"))
                .first();
        return Optional.ofNullable(doc).map(d -> d.getDate("startedAt").toInstant());
    }
}
