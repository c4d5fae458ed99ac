package dev.storesync.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real browser for tests: Debian's headless Chromium, driven over the DevTools protocol (a WebSocket; no driver
 * binary). {@link #find()} installs the package when it is missing and the machine allows it.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path profile;
    private final int port;

    private HeadlessChromium(Process process, Path profile, int port) {
        this.process = process;
        this.profile = profile;
        this.port = port;
    }

    /** Chromium's executable, installed with apt-get if missing; empty (with the reason) when it cannot be had. */
    public static Optional<Path> find(StringBuilder why) {
        Optional<Path> found = onPath();
        if (found.isPresent()) {
            return found;
        }
        try {
            run(List.of("apt-get", "update", "-qq"), 300);
            run(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"), 600);
        } catch (IOException | InterruptedException e) {
            why.append("apt-get install chromium failed: ").append(e.getMessage());
            return Optional.empty();
        }
        found = onPath();
        if (found.isEmpty()) {
            why.append("chromium is not installed and apt-get could not install it");
        }
        return found;
    }

    public static HeadlessChromium start(Path executable, Path profile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        executable.toString(),
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "--window-size=1280,900",
                        "about:blank")
                .redirectErrorStream(true)
                .start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = output.readLine()) != null) {
            Matcher matcher = DEVTOOLS.matcher(line);
            if (matcher.find()) {
                int port = URI.create(matcher.group(1)).getPort();
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> {}), "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return new HeadlessChromium(process, profile, port);
            }
        }
        process.destroyForcibly();
        throw new IOException("chromium did not start its DevTools endpoint");
    }

    /** A new tab. */
    public Tab open() throws IOException, InterruptedException {
        HttpResponse<String> target = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                        .PUT(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String socket =
                JSON.readTree(target.body()).path("webSocketDebuggerUrl").asText();
        return new Tab(socket);
    }

    /** One page, driven with DevTools commands. */
    public static final class Tab implements AutoCloseable {
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

        private Tab(String url) {
            this.socket = HTTP.newWebSocketBuilder()
                    .buildAsync(URI.create(url), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                answer(text.toString());
                                text.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    })
                    .join();
        }

        private void answer(String message) {
            try {
                JsonNode json = JSON.readTree(message);
                CompletableFuture<JsonNode> future =
                        waiting.remove(json.path("id").asInt(-1));
                if (future != null) {
                    future.complete(json);
                }
            } catch (IOException e) {
                // events we did not ask for
            }
        }

        public JsonNode command(String method, ObjectNode params) {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> future = new CompletableFuture<>();
            waiting.put(id, future);
            ObjectNode request = JSON.createObjectNode().put("id", id).put("method", method);
            request.set("params", params);
            socket.sendText(request.toString(), true).join();
            JsonNode answer = future.orTimeout(30, TimeUnit.SECONDS).join();
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.path("error"));
            }
            return answer.path("result");
        }

        public void navigate(String url) {
            command("Page.navigate", JSON.createObjectNode().put("url", url));
        }

        /** Runs JavaScript in the page and answers its (JSON-serialisable) value. */
        public JsonNode evaluate(String expression) {
            return command(
                            "Runtime.evaluate",
                            JSON.createObjectNode()
                                    .put("expression", expression)
                                    .put("returnByValue", true)
                                    .put("awaitPromise", true))
                    .path("result")
                    .path("value");
        }

        public void screenshot(Path file) throws IOException {
            String png = command(
                            "Page.captureScreenshot", JSON.createObjectNode().put("format", "png"))
                    .path("data")
                    .asText();
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode(png));
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private static Optional<Path> onPath() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void run(List<String> command, long seconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + seconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }
}
