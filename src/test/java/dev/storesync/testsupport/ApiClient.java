package dev.storesync.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for a simulated store's API, for tests of the simulator itself. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    /** @param baseUrl the simulator's base URL; requests go to {@code baseUrl/stores/{hash}/v3} */
    public ApiClient(String baseUrl, String hash, String token) {
        this.base = baseUrl + "/stores/" + hash + "/v3";
        this.token = token;
    }

    /** A status, the answer's headers and its JSON body (null when empty). */
    public record Reply(int status, HttpHeaders headers, JsonNode body) {
        public JsonNode data() {
            return body.path("data");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json);
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json);
    }

    public Reply delete(String pathAndQuery) {
        return send("DELETE", pathAndQuery, null);
    }

    public Reply send(String method, String pathAndQuery, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("X-Auth-Token", token)
                .header("Accept", "application/json");
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
