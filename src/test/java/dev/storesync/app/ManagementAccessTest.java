package dev.storesync.app;

import static dev.storesync.testsupport.ServiceProcess.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.storesync.testsupport.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The management port behind ADMIN_USER/ADMIN_PASSWORD, and Jolokia's access policy for Hawtio. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "ops";
    private static final String PASSWORD = "admin-password-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SHUTDOWN_STRATEGY =
            "org.apache.camel:context=storesync,type=services,name=DefaultShutdownStrategy";

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
    void withoutCredentialsTheManagementPortAndAdminSay401() throws Exception {
        assertThat(get(service.managementPort(), "/observe/health", null).statusCode())
                .isEqualTo(401);
        assertThat(get(service.managementPort(), "/observe/jolokia/version", null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(get(service.managementPort(), "/observe/metrics", null).statusCode())
                .isEqualTo(401);
        HttpResponse<String> admin = get(service.port(), "/admin/api/status", null);
        assertThat(admin.statusCode()).isEqualTo(401);
        assertThat(admin.headers().firstValue("www-authenticate")).hasValue("Basic realm=\"storesync\"");
        assertThat(get(service.managementPort(), "/observe/health", basic(USER, "wrong"))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void withCredentialsTheyAnswer() throws Exception {
        assertThat(get(service.managementPort(), "/observe/health", basic(USER, PASSWORD))
                        .statusCode())
                .isIn(200, 503);
        assertThat(get(service.managementPort(), "/observe/metrics", basic(USER, PASSWORD))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void webhooksKeepTheirOwnSecret() {
        assertThat(service.postWebhook(dev.storesync.testsupport.Webhooks.product("updated", 5, 1_700_000_000L))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void jolokiaReadsRouteStatisticsAndSuspendsAndResumesARoute() throws Exception {
        String route = "org.apache.camel:context=storesync,type=routes,name=\"cleanup\"";

        JsonNode total =
                jolokia("{\"type\":\"read\",\"mbean\":\"" + escape(route) + "\",\"attribute\":\"ExchangesTotal\"}");
        JsonNode suspend =
                jolokia("{\"type\":\"exec\",\"mbean\":\"" + escape(route) + "\",\"operation\":\"suspend()\"}");
        String suspended = jolokia("{\"type\":\"read\",\"mbean\":\"" + escape(route) + "\",\"attribute\":\"State\"}")
                .path("value")
                .asText();
        JsonNode resume = jolokia("{\"type\":\"exec\",\"mbean\":\"" + escape(route) + "\",\"operation\":\"resume()\"}");
        String resumed = jolokia("{\"type\":\"read\",\"mbean\":\"" + escape(route) + "\",\"attribute\":\"State\"}")
                .path("value")
                .asText();

        assertThat(total.path("status").asInt()).as(total.toString()).isEqualTo(200);
        assertThat(total.path("value").isNumber()).isTrue();
        assertThat(suspend.path("status").asInt()).as(suspend.toString()).isEqualTo(200);
        assertThat(suspended).isEqualTo("Suspended");
        assertThat(resume.path("status").asInt()).as(resume.toString()).isEqualTo(200);
        assertThat(resumed).isEqualTo("Started");
    }

    @Test
    void jolokiaRefusesWritesAndOtherOperations() throws Exception {
        JsonNode write = jolokia(
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}");
        JsonNode gc = jolokia("{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc()\"}");
        JsonNode diagnostic = jolokia("{\"type\":\"read\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"attribute\":\"DiagnosticOptions\"}");

        assertThat(write.path("status").asInt()).as(write.toString()).isEqualTo(403);
        assertThat(gc.path("status").asInt()).as(gc.toString()).isEqualTo(403);
        assertThat(diagnostic.path("status").asInt()).as(diagnostic.toString()).isEqualTo(403);
    }

    /**
     * Every attribute any MBean offers for writing, Camel's and the JVM's, is refused: the policy's allow rules must
     * not let writes through where they grant reads.
     */
    @Test
    void jolokiaRefusesEveryAttributeWrite() throws Exception {
        List<Attribute> writable = new ArrayList<>();
        for (Map.Entry<String, JsonNode> domain :
                jolokia("{\"type\":\"list\"}").path("value").properties()) {
            for (Map.Entry<String, JsonNode> mbean : domain.getValue().properties()) {
                for (Map.Entry<String, JsonNode> attribute :
                        mbean.getValue().path("attr").properties()) {
                    if (attribute.getValue().path("rw").asBoolean()) {
                        writable.add(new Attribute(domain.getKey() + ":" + mbean.getKey(), attribute.getKey()));
                    }
                }
            }
        }
        ArrayNode reads = JSON.createArrayNode();
        for (Attribute attribute : writable) {
            reads.addObject()
                    .put("type", "read")
                    .put("mbean", attribute.mbean())
                    .put("attribute", attribute.name());
        }
        JsonNode current = jolokia(reads.toString());
        // the current value where it can be read, so that a write that got through would change nothing
        ArrayNode writes = JSON.createArrayNode();
        for (int i = 0; i < writable.size(); i++) {
            JsonNode read = current.path(i);
            writes.addObject()
                    .put("type", "write")
                    .put("mbean", writable.get(i).mbean())
                    .put("attribute", writable.get(i).name())
                    .set("value", read.path("status").asInt() == 200 ? read.path("value") : JSON.nullNode());
        }
        JsonNode answers = jolokia(writes.toString());

        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < writable.size(); i++) {
            if (answers.path(i).path("status").asInt() != 403) {
                accepted.add(writable.get(i) + ": " + answers.path(i));
            }
        }
        // Camel's context, routes, processors, services, thread pools and event notifiers, the JVM's, Quartz's
        assertThat(writable.size()).as("writable attributes found").isGreaterThan(100);
        assertThat(writable)
                .as("the shutdown strategy's Timeout is among them")
                .anyMatch(a -> a.is(SHUTDOWN_STRATEGY, "Timeout"));
        assertThat(answers.size()).isEqualTo(writable.size());
        assertThat(accepted).as("writes not refused").isEmpty();
    }

    /** An image tag on a page elsewhere could send a GET with cached credentials: only reads go over GET. */
    @Test
    void jolokiaRefusesWritesAndOperationsSentAsGetAndTheValueStays() throws Exception {
        String timeout = "read/" + SHUTDOWN_STRATEGY + "/Timeout";
        long before = jolokiaGet(timeout).path("value").asLong();

        List<HttpResponse<String>> refused = List.of(
                get(
                        service.managementPort(),
                        "/observe/jolokia/write/" + SHUTDOWN_STRATEGY + "/Timeout/1",
                        basic(USER, PASSWORD)),
                get(
                        service.managementPort(),
                        "/observe/jolokia/exec/java.lang:type=Memory/gc()",
                        basic(USER, PASSWORD)),
                get(
                        service.managementPort(),
                        "/observe/jolokia/?p=/write/" + SHUTDOWN_STRATEGY + "/Timeout/1",
                        basic(USER, PASSWORD)));
        JsonNode after = jolokiaGet(timeout);

        assertThat(before).isNotEqualTo(1);
        for (HttpResponse<String> answer : refused) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(405);
            assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("method_not_allowed");
        }
        assertThat(after.path("status").asInt()).as(after.toString()).isEqualTo(200);
        assertThat(after.path("value").asLong()).isEqualTo(before);
    }

    /** Asking for details, in the request or its query, gets none: the server's setting wins. */
    @Test
    void jolokiaErrorsCarryNoStackTrace() throws Exception {
        String details = "includeStackTrace=true&serializeException=true";
        String config = ",\"config\":{\"includeStackTrace\":\"true\",\"serializeException\":\"true\"}";
        String missing =
                "{\"type\":\"read\",\"mbean\":\"org.apache.camel:type=nothing,name=here\",\"attribute\":\"State\"";
        String refused = "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc()\"";
        List<JsonNode> answers = List.of(
                jolokia(missing + "}"),
                jolokia(missing + config + "}"),
                jolokia("?" + details, missing + "}"),
                jolokia(refused + config + "}"),
                jolokia("?" + details, refused + "}"),
                jolokia("?" + details, "{\"type\":\"read\",\"mbean\":"),
                jolokia("?" + details, "{\"type\":\"nonsense\"}"),
                jolokiaGet("read/not-an-mbean-name/State?" + details),
                jolokiaGet("read/java.lang:type=Memory/NoSuchAttribute?" + details));

        for (JsonNode answer : answers) {
            assertThat(answer.path("status").asInt()).as(answer.toString()).isGreaterThanOrEqualTo(400);
            assertThat(answer.has("stacktrace")).as(answer.toString()).isFalse();
            assertThat(answer.has("error_value")).as(answer.toString()).isFalse();
            assertThat(answer.path("error").asText()).as(answer.toString()).isNotBlank();
            assertThat(answer.toString()).doesNotContain("\\tat ", "\\n", "at org.", "at java.", "at io.");
        }
    }

    private JsonNode jolokia(String request) throws Exception {
        return jolokia("", request);
    }

    private JsonNode jolokia(String query, String request) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + service.managementPort() + "/observe/jolokia/" + query))
                        .header("Authorization", basic(USER, PASSWORD))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
    }

    private JsonNode jolokiaGet(String path) throws Exception {
        return JSON.readTree(get(service.managementPort(), "/observe/jolokia/" + path, basic(USER, PASSWORD))
                .body());
    }

    /** Jolokia's list names an MBean by its key properties in its own order: compared as ObjectNames. */
    private record Attribute(String mbean, String name) {
        boolean is(String otherMbean, String otherName) {
            try {
                return name.equals(otherName) && new ObjectName(mbean).equals(new ObjectName(otherMbean));
            } catch (MalformedObjectNameException e) {
                throw new IllegalArgumentException(e);
            }
        }
    }

    private static String escape(String mbean) {
        return mbean.replace("\"", "\\\"");
    }

    private static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
