package dev.storesync.app;

import static dev.storesync.testsupport.ServiceProcess.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.testsupport.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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

    private JsonNode jolokia(String request) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort() + "/observe/jolokia/"))
                        .header("Authorization", basic(USER, PASSWORD))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(answer.body());
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
