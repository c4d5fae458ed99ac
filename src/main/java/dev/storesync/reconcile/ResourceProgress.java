package dev.storesync.reconcile;

import org.bson.Document;

/**
 * How far a run has come through one resource. {@code cursor} is the last Store A id whose page is finished (or, for a
 * limited run, how many of its chosen ids are done): a resumed run starts after it, so finished pages are not redone.
 */
final class ResourceProgress {
    long total = -1;
    long scanned;
    long differing;
    long queued;
    long written;
    long pages;
    long cursor;
    boolean done;

    Document toDocument() {
        return new Document("total", total)
                .append("scanned", scanned)
                .append("differing", differing)
                .append("queued", queued)
                .append("written", written)
                .append("pages", pages)
                .append("cursor", cursor)
                .append("done", done);
    }

    static ResourceProgress from(Document doc) {
        ResourceProgress progress = new ResourceProgress();
        if (doc == null) {
            return progress;
        }
        progress.total = number(doc, "total", -1);
        progress.scanned = number(doc, "scanned", 0);
        progress.differing = number(doc, "differing", 0);
        progress.queued = number(doc, "queued", 0);
        progress.written = number(doc, "written", 0);
        progress.pages = number(doc, "pages", 0);
        progress.cursor = number(doc, "cursor", 0);
        progress.done = Boolean.TRUE.equals(doc.getBoolean("done"));
        return progress;
    }

    private static long number(Document doc, String field, long fallback) {
        Object value = doc.get(field);
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
