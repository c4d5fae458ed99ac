package dev.storesync.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.sandbox.catalog.ApiException;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.catalog.ListQuery;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Decodes a request for one store's API, runs its operation and renders the answer or the error. */
public final class StoreApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiRoutes routes;

    public StoreApi(Catalog catalog) {
        this.routes = new ApiRoutes(catalog);
    }

    /** An answer, the headers it carries, and the operation it was (null when no route matched). */
    public record Served(Answer answer, Map<String, String> headers, String operation) {
        public static Served of(Answer answer) {
            return new Served(answer, Map.of(), null);
        }

        public Served withHeaders(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(more);
            all.putAll(headers);
            return new Served(answer, all, operation);
        }
    }

    public static Answer error(int status, String title) {
        return Envelopes.error(status, title);
    }

    public Served serve(String method, String path, String rawQuery, String body, String contentType) {
        Optional<ApiRoutes.Match> match = routes.match(method, path);
        if (match.isEmpty()) {
            return routes.knowsPath(path)
                    ? Served.of(error(405, "Method Not Allowed"))
                    : Served.of(error(404, "The requested resource was not found"));
        }
        ApiRoutes.Route route = match.get().route();
        try {
            JsonNode json = null;
            if (body != null && !body.isBlank()) {
                if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                    return new Served(error(415, "Content-Type must be application/json"), Map.of(), route.operation());
                }
                json = parse(body);
            }
            Answer answer = route.handler().handle(new ApiCall(match.get().ids(), query(rawQuery), json));
            return new Served(answer, Map.of(), route.operation());
        } catch (ApiException e) {
            Answer answer =
                    switch (route.errors()) {
                        case WRAPPED -> e.status() == 422 ? Envelopes.wrappedError(e) : Envelopes.error(e);
                        case BATCH -> e.status() == 422 ? Envelopes.batchError(e) : Envelopes.error(e);
                        case PLAIN -> Envelopes.error(e);
                    };
            return new Served(answer, Map.of(), route.operation());
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "The request body is not valid JSON", Map.of());
        }
    }

    private static ListQuery query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                params.put(name, value);
            }
        }
        return new ListQuery(params);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("query", "is not correctly percent-encoded");
        }
    }
}
