package dev.storesync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The packaged jar run as a separate process, as an operator runs it, for tests that kill or restart it. */
public final class ServiceProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target", "storesync.jar");
    /** The JVM options README and Dockerfile run the jar with, in the one file both use. */
    public static final Path JVM_OPTIONS = Path.of("jvm.options");
    /** The class data archive the build records with the jar (pom.xml). */
    public static final Path ARCHIVE = Path.of("target", "storesync.jsa");
    /** The options file as {@code java} takes it. */
    public static final String OPTIONS_FILE_ARGUMENT = "@" + JVM_OPTIONS.toAbsolutePath();
    /** How the README runs the jar; tests that measure run it so. */
    public static final List<String> RECOMMENDED_JVM_OPTIONS =
            List.of(OPTIONS_FILE_ARGUMENT, "-XX:SharedArchiveFile=" + ARCHIVE.toAbsolutePath());

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int port;
    private final int managementPort;
    private final Optional<String> adminAuthorization;
    private final long startedNanos = System.nanoTime();
    private volatile Duration startup;

    private ServiceProcess(
            Process process, Path log, int port, int managementPort, Optional<String> adminAuthorization) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
        this.adminAuthorization = adminAuthorization;
    }

    /** The settings every test run needs; callers add or override. */
    public static Map<String, String> baseEnvironment(Path dataDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STORE_A_HASH", "storea");
        env.put("STORE_A_ACCESS_TOKEN", "token-a-0123456789");
        env.put("STORE_B_HASH", "storeb");
        env.put("STORE_B_ACCESS_TOKEN", "token-b-0123456789");
        env.put("WEBHOOK_SECRET", RunningService.SECRET);
        env.put("DATA_DIR", dataDir.toString());
        env.put("SYNC_PERIOD_IN_SECS", "1");
        env.put("SYNC_REDELIVERY_PERIOD_IN_SECS", "1");
        env.put("SYNC_LEASE_IN_SECS", "3");
        env.put("RECONCILE_CRON", "0 0 3 1 1 ? 2099");
        // nothing leaves the machine: a sync that runs meets a closed port, not api.bigcommerce.com
        env.put("STORE_A_API_URL", "http://127.0.0.1:9");
        env.put("STORE_B_API_URL", "http://127.0.0.1:9");
        // servers in tests listen on loopback only (Camel Main maps these to camel.server.host and friends)
        env.put("CAMEL_SERVER_HOST", "127.0.0.1");
        env.put("CAMEL_MANAGEMENT_HOST", "127.0.0.1");
        return env;
    }

    /**
     * Starts {@code java -jar target/storesync.jar} in {@code workDir} (so the copies of application.properties and
     * the routes inside the jar are used), or with {@code extraClasspath} {@code java -cp jar:extra Main}.
     */
    public static ServiceProcess start(
            Path workDir, Map<String, String> env, List<String> jvmArgs, List<Path> extraClasspath, List<String> args) {
        // a caller that sets PORT (to name it in APP_URL, or to restart on the same address) keeps it
        // (a test of bad settings may set it to something that is not a port: then the process never listens)
        int port = portIn(env, "PORT");
        int managementPort = portIn(env, "MANAGEMENT_PORT");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmArgs);
        if (extraClasspath.isEmpty()) {
            command.add("-jar");
            command.add(JAR.toAbsolutePath().toString());
        } else {
            List<String> classpath = new ArrayList<>();
            classpath.add(JAR.toAbsolutePath().toString());
            extraClasspath.forEach(p -> classpath.add(p.toAbsolutePath().toString()));
            command.add("-cp");
            command.add(String.join(java.io.File.pathSeparator, classpath));
            command.add("dev.storesync.StoresyncApplication");
        }
        command.addAll(args);
        Path log = workDir.resolve("storesync-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().putAll(env);
        try {
            Optional<String> authorization = env.containsKey("ADMIN_USER")
                    ? Optional.of(basic(env.get("ADMIN_USER"), env.get("ADMIN_PASSWORD")))
                    : Optional.empty();
            return new ServiceProcess(builder.start(), log, port, managementPort, authorization);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int portIn(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "");
        return value.matches("\\d{1,5}") ? Integer.parseInt(value) : Ports.free();
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** From the start of the JVM process to the first ready answer (within the 20 ms the wait polls at). */
    public Duration startupTime() {
        return startup;
    }

    /** A POST of JSON with the admin credentials the process was started with, if any. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        adminAuthorization.ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Ready, not overall healthy: the stores in these tests are a closed port, so overall health stays DOWN. */
    public ServiceProcess awaitHealthy() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("storesync exited " + process.exitValue() + ":\n" + output());
                    }
                    boolean ready = get(managementPort, "/observe/health/ready").statusCode() == 200;
                    if (ready && startup == null) {
                        startup = Duration.ofNanos(System.nanoTime() - startedNanos);
                    }
                    return ready;
                });
        return this;
    }

    /** A GET with the admin credentials the process was started with, if any. */
    public HttpResponse<String> get(int onPort, String path) throws IOException, InterruptedException {
        return get(onPort, path, adminAuthorization);
    }

    public HttpResponse<String> get(int onPort, String path, Optional<String> authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path))
                .timeout(Duration.ofSeconds(10));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postWebhook(String body) throws IOException, InterruptedException {
        return postWebhook(body, RunningService.SECRET);
    }

    public HttpResponse<String> postWebhook(String body, String secret) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("X-Webhook-Secret", secret)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process stands still (a long GC pause, a frozen VM) and knows nothing of it. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: it goes on where it stood. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** SIGQUIT: the JVM prints every thread's stack to its output and goes on; for a test that failed. */
    public void printThreadDump() throws IOException, InterruptedException {
        signal("QUIT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM without waiting: the test watches what happens while the process stops. */
    public void requestStop() {
        process.destroy();
    }

    /** SIGTERM: the graceful shutdown an orchestrator asks for. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("storesync did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGTERM, then a graceful stop: 143 is the JVM's status for "terminated by SIGTERM" after its hooks ran. */
    public static void assertStoppedGracefully(ServiceProcess process) throws InterruptedException {
        int exit = process.terminate();
        org.assertj.core.api.Assertions.assertThat(exit).isIn(0, 143);
        org.assertj.core.api.Assertions.assertThat(process.output()).contains("(storesync) shutdown in");
    }

    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("storesync did not exit:\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
