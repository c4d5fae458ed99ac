package dev.storesync.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.testsupport.RawHttp;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the doors ahead of the routes refuse (web/HttpDoors), tried over real HTTP as an attacker would: bodies that are
 * never read, secrets in the wrong place, requests from other sites, answers that are JSON even when no route gave
 * them. Without ADMIN_USER, as most first installs run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpDoorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STATE_CHANGING_ADMIN = List.of(
            "/admin/api/reconcile",
            "/admin/api/reconcile/some-run/abort",
            "/admin/api/tasks/storeb:product:1/replay",
            "/admin/api/dead-letters/replay",
            "/admin/api/sync/product/1");

    @TempDir
    static Path dataDir;

    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.builder().dataDir(dataDir).start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void aWebhookWithoutTheRightSecretIsRefusedBeforeItsBodyIsRead() {
        for (String secretHeader : List.of("X-Ignored: 1", "X-Webhook-Secret: wrong")) {
            try (RawHttp raw = RawHttp.connect(service.port())) {
                // a megabyte announced, not a byte of it sent: the answer cannot have waited for the body
                RawHttp.Answer answer = raw.head(
                                "POST /webhooks HTTP/1.1",
                                "Host: 127.0.0.1",
                                "Content-Type: application/json",
                                "Content-Length: 1048576",
                                secretHeader)
                        .readUntilClosed();

                assertThat(answer.status()).as(answer.text()).isEqualTo(401);
                assertThat(answer.closed())
                        .as("the connection is closed, the body never drained")
                        .isTrue();
                assertThat(answer.body()).contains("\"error\":\"unauthorized\"");
            }
        }
    }

    @Test
    void theSecretIsTakenFromTheHeaderOnlyNeverFromTheUrl() {
        String event = Webhooks.product("updated", 31, 1_700_000_000L);
        long before = storedEvents();

        HttpResponse<String> inUrlOnly = service.post(
                "/webhooks?X-Webhook-Secret=" + RunningService.SECRET,
                event,
                Map.of("Content-Type", "application/json"));
        HttpResponse<String> inBoth = service.post(
                "/webhooks?x-webhook-secret=" + RunningService.SECRET,
                event,
                Map.of("Content-Type", "application/json", "X-Webhook-Secret", RunningService.SECRET));

        for (HttpResponse<String> answer : List.of(inUrlOnly, inBoth)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("secret_in_url").doesNotContain(RunningService.SECRET);
        }
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(service.postWebhook(event).statusCode()).isEqualTo(200);
    }

    @Test
    void bodiesMustAnnounceTheirLengthAndKeepWithinTheLimit() {
        String secret = "X-Webhook-Secret: " + RunningService.SECRET;
        List<List<String>> heads = List.of(
                List.of("Transfer-Encoding: chunked"),
                List.of("Transfer-Encoding: chunked", "Content-Length: 20"),
                List.of("Content-Length: 2097152"));
        List<Integer> expected = List.of(411, 411, 413);
        for (int i = 0; i < heads.size(); i++) {
            try (RawHttp raw = RawHttp.connect(service.port())) {
                List<String> headers =
                        new java.util.ArrayList<>(List.of("Host: 127.0.0.1", "Content-Type: application/json", secret));
                headers.addAll(heads.get(i));
                RawHttp.Answer answer = raw.head("POST /webhooks HTTP/1.1", headers.toArray(String[]::new))
                        .readUntilClosed();

                assertThat(answer.status())
                        .as("%s: %s", heads.get(i), answer.text())
                        .isEqualTo(expected.get(i));
                assertThat(answer.closed()).isTrue();
                assertThat(answer.hasHeader("content-type", "application/json")).isTrue();
            }
        }
    }

    @Test
    void answersNoRouteGaveAreJsonToo() {
        assertJson(service.get(service.port(), "/nothing-here").body(), "not_found");
        try (RawHttp raw = RawHttp.connect(service.port())) {
            RawHttp.Answer wrongMethod =
                    raw.head("GET /webhooks HTTP/1.1", "Host: 127.0.0.1").readAnswer();
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertJson(wrongMethod.body(), "method_not_allowed");
        }
        try (RawHttp raw = RawHttp.connect(service.port())) {
            RawHttp.Answer longLine = raw.head("GET /" + "a".repeat(10_000) + " HTTP/1.1", "Host: 127.0.0.1")
                    .readUntilClosed();
            assertThat(longLine.status()).as(longLine.text()).isEqualTo(414);
            assertJson(longLine.body(), "uri_too_long");
        }
        try (RawHttp raw = RawHttp.connect(service.port())) {
            RawHttp.Answer bigHeaders = raw.head(
                            "GET /admin/api/status HTTP/1.1", "Host: 127.0.0.1", "X-Big: " + "b".repeat(20_000))
                    .readUntilClosed();
            assertThat(bigHeaders.status()).as(bigHeaders.text()).isEqualTo(431);
            assertJson(bigHeaders.body(), "headers_too_large");
        }
    }

    @Test
    void stateChangingAdminCallsTakeJsonFromThisSiteOnly() {
        String self = "http://127.0.0.1:" + service.port();
        for (String path : STATE_CHANGING_ADMIN) {
            assertThat(post(path, Map.of("Content-Type", "text/plain")).statusCode())
                    .as("text/plain to %s", path)
                    .isEqualTo(415);
            assertThat(post(path, Map.of("Content-Type", "application/x-www-form-urlencoded"))
                            .statusCode())
                    .as("a form to %s", path)
                    .isEqualTo(415);
            assertThat(post(path, Map.of()).statusCode())
                    .as("no type to %s", path)
                    .isEqualTo(415);
            assertThat(post(path, Map.of("Content-Type", "application/json", "Origin", "http://evil.example"))
                            .statusCode())
                    .as("another origin to %s", path)
                    .isEqualTo(403);
            assertThat(post(path, Map.of("Content-Type", "application/json", "Origin", "null"))
                            .statusCode())
                    .as("origin null to %s", path)
                    .isEqualTo(403);
            assertThat(post(path, Map.of("Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"))
                            .statusCode())
                    .as("another site to %s", path)
                    .isEqualTo(403);
            assertThat(post(
                                    path,
                                    Map.of(
                                            "Content-Type",
                                            "application/json",
                                            "Origin",
                                            self,
                                            "Sec-Fetch-Site",
                                            "same-origin"))
                            .statusCode())
                    .as("this site's own page, to %s", path)
                    .isNotIn(403, 415);
        }
    }

    @Test
    void jolokiaTakesJsonFromThisSiteOnly() {
        String read = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Uptime\"}";
        int management = service.managementPort();
        assertThat(jolokia(read, Map.of("Content-Type", "text/plain")).statusCode())
                .isEqualTo(415);
        assertThat(jolokia(read, Map.of("Content-Type", "application/x-www-form-urlencoded"))
                        .statusCode())
                .isEqualTo(415);
        assertThat(jolokia(read, Map.of("Content-Type", "application/json", "Origin", "http://evil.example"))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> own =
                jolokia(read, Map.of("Content-Type", "application/json", "Origin", "http://127.0.0.1:" + management));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        // Camel's Jolokia plugin grants no CORS: a page elsewhere cannot read what it answers
        assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** A page that rebinds its own name to 127.0.0.1 is "this machine"; its Host header gives it away. */
    @Test
    void withoutCredentialsOnlyLoopbackNamesAreServed() {
        for (int port : List.of(service.port(), service.managementPort())) {
            String path = port == service.port() ? "/admin/api/status" : "/observe/health";
            try (RawHttp raw = RawHttp.connect(port)) {
                RawHttp.Answer rebound = raw.head("GET " + path + " HTTP/1.1", "Host: rebind.evil.example:" + port)
                        .readAnswer();
                assertThat(rebound.status()).as(rebound.text()).isEqualTo(403);
                assertJson(rebound.body(), "cross_site_refused");
            }
            try (RawHttp raw = RawHttp.connect(port)) {
                RawHttp.Answer local = raw.head("GET " + path + " HTTP/1.1", "Host: localhost:" + port)
                        .readAnswer();
                assertThat(local.status()).as(local.text()).isIn(200, 503);
            }
        }
    }

    private HttpResponse<String> post(String path, Map<String, String> headers) {
        return service.post(path, "{}", headers);
    }

    private HttpResponse<String> jolokia(String body, Map<String, String> headers) {
        return service.postTo(service.managementPort(), "/observe/jolokia/", body, headers);
    }

    private long storedEvents() {
        return service.db().getCollection(CollectionNames.WEBHOOK_EVENTS).countDocuments();
    }

    private static void assertJson(String body, String error) {
        try {
            JsonNode answer = JSON.readTree(body);
            assertThat(answer.path("error").asText()).as(body).isEqualTo(error);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
