package dev.storesync.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code shared/tools/bc-contract-check} over request logs and reads its JSON report. A few messages flag what
 * BigCommerce really does (defects of the official specs); they are waived here one by one, each with its reason, and
 * reported separately so that nothing is hidden.
 */
public final class ContractCheck {
    public static final Path CHECKER = Path.of("..", "shared", "tools", "bc-contract-check", "bc-contract-check");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message the checker reports although the request or answer is what BigCommerce sends. */
    record Waiver(Pattern message, String reason) {}

    private static final List<Waiver> WAIVERS = List.of(new Waiver(
            Pattern.compile("^line \\d+: GET /stores/[^/]+/v3/hooks(\\?\\S*)? \\[200\\]: "
                    + "response/data: must NOT have fewer than 1 items$"),
            "webhooks.v3.yml declares minItems: 1 on the data of GET /hooks, yet a store without hooks (or a filter"
                    + " that matches none) answers an empty list"));

    /** What the checker found: violations that count, and messages waived as spec defects. */
    public record Report(int checked, List<String> violations, List<String> waived, String json) {}

    private ContractCheck() {}

    /** Skips the calling test when the checker is not there (a clone outside the workspace has no ../shared). */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(
                Files.isExecutable(CHECKER),
                "skipped: " + CHECKER.toAbsolutePath().normalize()
                        + " is absent (a clone outside the workspace has no ../shared); CI runs this check");
    }

    /** Checks the requests of all {@code logs} together. */
    public static Report run(Path workDir, List<Path> logs) throws IOException, InterruptedException {
        Path combined = workDir.resolve("combined-requests.jsonl");
        Files.deleteIfExists(combined);
        for (Path log : logs) {
            Files.write(combined, Files.readAllBytes(log), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        Process checker = new ProcessBuilder(
                        CHECKER.toString(), combined.toString(), "--json", "--max-messages", "1000000")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(checker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!checker.waitFor(180, TimeUnit.SECONDS)) {
            checker.destroyForcibly();
            throw new IllegalStateException("bc-contract-check did not finish");
        }
        JsonNode report = JSON.readTree(output);
        List<String> violations = new ArrayList<>();
        List<String> waived = new ArrayList<>();
        for (JsonNode operation : report.path("operations")) {
            for (String field : List.of("messages", "response_messages")) {
                operation.path(field).forEach(m -> (waived(m.asText()) ? waived : violations).add(m.asText()));
            }
        }
        report.path("unknown_requests").forEach(u -> violations.add("unknown request: " + u));
        report.path("malformed").forEach(m -> violations.add("malformed line: " + m));
        int counted = report.path("violations").asInt() + report.path("unknown").asInt();
        if (violations.size() + waived.size() < counted) {
            throw new IllegalStateException("the report lists fewer messages than violations: " + output);
        }
        return new Report(report.path("checked").asInt(), violations, waived, output);
    }

    private static boolean waived(String message) {
        return WAIVERS.stream().anyMatch(w -> w.message().matcher(message).matches());
    }
}
