package dev.storesync.fault;

import static dev.storesync.testsupport.FaultRig.LONG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.FaultReport;
import dev.storesync.testsupport.FaultRig;
import dev.storesync.testsupport.ServiceProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7: thousands of mutated webhook bodies, headers and paths against the running jar. None gets a 5xx or
 * breaks the process; exactly the ones answered "accepted" are stored, so nothing invalid is.
 */
@Tag("fault")
class WebhookFuzzFaultIT {
    private static final int REQUESTS = LONG ? 20_000 : 2_000;
    private static final long SEED = 20261123L;
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
    private static final Pattern CHUNKED = Pattern.compile("(?im)^transfer-encoding: *chunked");

    @TempDir
    Path dir;

    @Test
    void mutatedWebhooksGetA4xxOrAreStoredNeverA5xx() throws Exception {
        try (FaultRig rig = FaultRig.start(dir, true)) {
            ServiceProcess service = rig.startService(rig.environment());
            int storedBefore = rig.storedEvents().size();
            WebhookFuzzer fuzzer = new WebhookFuzzer(SEED);
            TreeMap<Integer, Integer> statuses = new TreeMap<>();
            List<String> serverErrors = new ArrayList<>();
            int accepted = 0;
            for (int i = 0; i < REQUESTS; i++) {
                WebhookFuzzer.Request request = fuzzer.next(i);
                Answer answer = send(service.port(), request);
                int status = answer.status();
                statuses.merge(status, 1, Integer::sum);
                if (status >= 500) {
                    serverErrors.add(status + " for " + request.description());
                } else if (status == 200
                        && WebhookFuzzer.parse(answer.body())
                                .path("status")
                                .asText()
                                .equals("accepted")) {
                    accepted++;
                }
            }
            System.out.printf("webhook fuzzing: %d requests, answers %s%n", REQUESTS, statuses);

            assertThat(serverErrors).as("5xx answers").isEmpty();
            assertThat(statuses.headMap(500).keySet()).contains(200, 400, 401);
            assertThat(service.alive()).isTrue();
            assertThat(service.get(service.managementPort(), "/observe/health/ready")
                            .statusCode())
                    .isEqualTo(200);
            int stored = rig.storedEvents().size() - storedBefore;
            assertThat(stored)
                    .as("events stored: exactly those answered 'accepted'")
                    .isEqualTo(accepted);
            service.terminate();
            FaultRig.assertSound(new FaultReport.Figures(
                    "webhook fuzzing, " + REQUESTS + " mutated requests (seed " + SEED + ")",
                    REQUESTS,
                    statuses.getOrDefault(200, 0),
                    FaultRig.products(rig.b()).size(),
                    rig.duplicates(),
                    accepted - stored,
                    Duration.ZERO));
        }
    }

    /** The status and body the service answered; raw HTTP/1.1, so no client refuses or rewrites a mutation. */
    private static Answer send(int port, WebhookFuzzer.Request request) throws IOException {
        StringBuilder head = new StringBuilder("POST " + request.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        request.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(request.body().length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                out.write(request.body());
                out.flush();
            } catch (IOException e) {
                // the server may answer (413, 431) and close before it has read everything: its answer still counts
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher status = STATUS_LINE.matcher(answer);
            if (!status.find()) {
                throw new IOException("no HTTP answer to: " + request.description() + " (got '" + answer + "')");
            }
            int split = answer.indexOf("\r\n\r\n");
            if (split < 0) {
                return new Answer(Integer.parseInt(status.group(1)), "");
            }
            String body = answer.substring(split + 4);
            boolean chunked = CHUNKED.matcher(answer.substring(0, split)).find();
            return new Answer(Integer.parseInt(status.group(1)), chunked ? dechunk(body) : body);
        }
    }

    /** The data of a chunked body: each chunk is its size in hex, a line break, the data and a line break. */
    private static String dechunk(String body) {
        StringBuilder data = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(
                    body.substring(at, lineEnd).split(";", 2)[0].trim(), 16);
            if (size == 0) {
                break;
            }
            data.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return data.toString();
    }

    private record Answer(int status, String body) {}
}
