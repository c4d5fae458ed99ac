package dev.storesync.admin;

import dev.storesync.queue.SyncTask;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A task as the admin API shows it: plain JSON values, no empty optionals. */
final class TaskView {
    private TaskView() {}

    static Map<String, Object> of(SyncTask task) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", task.id());
        view.put("resourceType", task.key().resourceType());
        view.put("storeAId", task.key().resourceId());
        view.put("status", task.status().value());
        view.put("attempts", task.attempts());
        view.put("eventCount", task.eventCount());
        view.put("hints", task.hints());
        view.put("pendingSince", task.pendingSince().map(Instant::toString).orElse(null));
        view.put("nextAttemptAt", task.nextAttemptAt().map(Instant::toString).orElse(null));
        view.put("finishedAt", task.finishedAt().map(Instant::toString).orElse(null));
        view.put("leaseOwner", task.leaseOwner().orElse(null));
        view.put(
                "lastError",
                task.lastError()
                        .map(error -> {
                            Map<String, Object> e = new LinkedHashMap<>();
                            e.put("kind", error.kind().name().toLowerCase(java.util.Locale.ROOT));
                            e.put("message", error.message());
                            e.put("at", error.at().toString());
                            e.put("attempt", error.attempt());
                            return e;
                        })
                        .orElse(null));
        return view;
    }
}
