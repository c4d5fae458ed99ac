package dev.storesync.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Samples (microseconds or milliseconds, as the caller says) and their percentiles, nearest-rank. */
record Distribution(long[] sorted) {
    static Distribution of(Collection<Long> samples) {
        return new Distribution(
                samples.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    static Distribution of(long[] samples) {
        long[] copy = samples.clone();
        Arrays.sort(copy);
        return new Distribution(copy);
    }

    int count() {
        return sorted.length;
    }

    long percentile(double p) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** Microseconds shown as milliseconds. */
    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }
}
