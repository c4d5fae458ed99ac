package dev.storesync.persistence.embedded;

import java.util.Locale;

/**
 * What the embedded database's file holds ({@link FileRewrite#measure}): whether a start copies it, and after the
 * cleanup's compaction its log line.
 *
 * @param bytes the file's size
 * @param livePercent the share of it live data fill
 * @param cutBackAtNextStart whether a start copies it to a file of its live data
 */
public record FileSpace(long bytes, int livePercent, boolean cutBackAtNextStart) {

    /** One line for the cleanup's log. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "the database file holds %.1f MB, %d %% of it live%s",
                bytes / 1e6,
                livePercent,
                cutBackAtNextStart ? ": it is cut back to its live data at the next start" : "");
    }
}
