package dev.storesync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The figures of the fault scenarios, one Markdown table row each in {@code target/reliability/results.md}, from which
 * docs/RELIABILITY.md takes the last run's numbers.
 */
public final class FaultReport {
    public static final Path RESULTS = Path.of("target", "reliability", "results.md");
    private static final String HEADER =
            "| Scenario | Webhooks sent | Acknowledged | Synced (products in B) | Duplicates | Lost"
                    + " | Converged in |\n|---|---:|---:|---:|---:|---:|---:|\n";

    /** One scenario's outcome; {@code converge} is from the end of the fault to Store B equal to Store A. */
    public record Figures(
            String scenario,
            long sent,
            long acknowledged,
            long productsInStoreB,
            long duplicates,
            long lost,
            Duration converge) {
        String row() {
            return String.format(
                    Locale.ROOT,
                    "| %s%s | %d | %d | %d | %d | %d | %.1f s |%n",
                    scenario,
                    FaultRig.LONG ? " (long)" : "",
                    sent,
                    acknowledged,
                    productsInStoreB,
                    duplicates,
                    lost,
                    converge.toMillis() / 1000.0);
        }
    }

    private FaultReport() {}

    static synchronized void record(Figures figures) {
        try {
            Files.createDirectories(RESULTS.getParent());
            if (!Files.exists(RESULTS)) {
                Files.writeString(RESULTS, HEADER, StandardCharsets.UTF_8);
            }
            Files.writeString(RESULTS, figures.row(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.print("fault scenario: " + figures.row());
    }
}
