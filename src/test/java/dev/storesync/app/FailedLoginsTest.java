package dev.storesync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.storesync.testsupport.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Guessing the admin password is slow and leaves a trace: after five wrong guesses from one address, that address is
 * refused (429) before its credentials are even looked at, and the failures are logged without what was tried. The
 * liveness probe answers without credentials, so a container's health check needs no password on its command line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailedLoginsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String USER = "ops";
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String GUESS = "guessed-password-SHOULD-NOT-BE-LOGGED";

    @TempDir
    static Path dataDir;

    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.builder()
                .dataDir(dataDir)
                .property("storesync.admin.user", USER)
                .property("storesync.admin.password", PASSWORD)
                .start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void repeatedWrongPasswordsAreSlowedAndLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.storesync.web.LoginThrottle");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(get("/admin/api/status", basic(USER, GUESS + i)).statusCode())
                        .isEqualTo(401);
            }
            HttpResponse<String> locked = get("/admin/api/status", basic(USER, PASSWORD));

            assertThat(locked.statusCode()).as("even the right password waits").isEqualTo(429);
            assertThat(locked.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(locked.body()).contains("too_many_failed_logins");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> get("/admin/api/status", basic(USER, PASSWORD)).statusCode() == 200);
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("admin login failed from 127.0.0.1"))
                .anySatisfy(line -> assertThat(line).contains("failed 5 times in a row from 127.0.0.1"))
                .allSatisfy(line -> assertThat(line).doesNotContain(GUESS).doesNotContain(PASSWORD));
    }

    @Test
    void livenessAnswersWithoutCredentialsAndNothingElseDoes() throws Exception {
        HttpResponse<String> live = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + service.managementPort() + "/observe/health/live"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("UP");
        for (String path : java.util.List.of("/observe/health", "/observe/health/ready", "/observe/health/live/x")) {
            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(
                                                    URI.create("http://127.0.0.1:" + service.managementPort() + path))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as(path)
                    .isEqualTo(401);
        }
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
