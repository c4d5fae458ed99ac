package dev.storesync.queue;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/** A read-only view of one task document, for operators, the admin API and tests. */
public record SyncTask(
        String id,
        ResourceKey key,
        TaskStatus status,
        int attempts,
        long eventCount,
        Set<String> hints,
        Optional<Instant> nextAttemptAt,
        Optional<Instant> pendingSince,
        Optional<Instant> lastEventAt,
        Optional<Instant> finishedAt,
        Optional<String> leaseOwner,
        Optional<TaskError> lastError) {

    /** Why the last attempt failed. */
    public record TaskError(FailureKind kind, String message, Instant at, int attempt) {}

    static SyncTask from(Document doc) {
        Document error = doc.get("lastError", Document.class);
        List<String> hints = doc.getList("hints", String.class, List.of());
        return new SyncTask(
                doc.getString("_id"),
                new ResourceKey(
                        doc.getString("dest"),
                        doc.getString("type"),
                        doc.get("resourceId", Number.class).longValue()),
                TaskStatus.fromValue(doc.getString("status")),
                doc.get("attempts", Number.class).intValue(),
                doc.get("eventCount", Number.class).longValue(),
                new TreeSet<>(hints),
                instant(doc, "nextAttemptAt"),
                instant(doc, "pendingSince"),
                instant(doc, "lastEventAt"),
                instant(doc, "finishedAt"),
                Optional.ofNullable(doc.getString("leaseOwner")),
                Optional.ofNullable(error)
                        .map(e -> new TaskError(
                                FailureKind.valueOf(e.getString("kind")),
                                e.getString("message"),
                                e.getDate("at").toInstant(),
                                e.get("attempt", Number.class).intValue())));
    }

    private static Optional<Instant> instant(Document doc, String field) {
        return Optional.ofNullable(doc.getDate(field)).map(Date::toInstant);
    }
}
