package dev.storesync.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storesync.persistence.CollectionNames;
import dev.storesync.testsupport.RunningService;
import dev.storesync.testsupport.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets the right 4xx with a JSON reason, stores nothing, and the server keeps serving. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HASH = "a833a57fadd56a32dc752fb6ca0841dc9602a495";
    private static final String VALID = Webhooks.product("updated", 205, 1_561_479_233L);

    @TempDir
    static Path dataDir;

    RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.builder().dataDir(dataDir).start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    record Bad(String name, String path, String body, Map<String, String> headers, int status, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<Bad> badRequests() {
        return Stream.of(
                bad("not JSON", "{\"scope\": ", 400, "not valid JSON"),
                bad("empty body", "", 400, "body is empty"),
                bad("JSON array", "[]", 400, "must be a JSON object"),
                bad("JSON string", "\"store/product/updated\"", 400, "must be a JSON object"),
                bad("trailing garbage", VALID + " {}", 400, "not valid JSON"),
                bad(
                        "duplicate keys",
                        "{\"scope\":\"store/product/updated\",\"scope\":\"store/product/deleted\"}",
                        400,
                        "not valid JSON"),
                bad(
                        "nested 200 levels deep",
                        "{\"data\":" + "[".repeat(200) + "]".repeat(200) + "}",
                        400,
                        "nested too deeply"),
                bad("no scope", payload("scope", null), 400, "scope is required"),
                bad("scope is a number", payload("scope", 7), 400, "scope must be a non-empty string"),
                bad("unknown scope", payload("scope", "store/order/created"), 400, "unknown scope"),
                bad(
                        "channel id not a number",
                        payload("scope", "store/channel/abc/product/assigned"),
                        400,
                        "unknown scope"),
                bad("no data", payload("data", null), 400, "data must be a JSON object"),
                bad("data is a string", payload("data", "product:205"), 400, "data must be a JSON object"),
                bad("id is a string", data("{\"type\":\"product\",\"id\":\"205\"}"), 400, "data.id must be a positive"),
                bad("id is negative", data("{\"type\":\"product\",\"id\":-5}"), 400, "data.id must be a positive"),
                bad("id is zero", data("{\"type\":\"product\",\"id\":0}"), 400, "data.id must be a positive"),
                bad("id is fractional", data("{\"type\":\"product\",\"id\":2.5}"), 400, "data.id must be a positive"),
                bad(
                        "id beyond int32",
                        data("{\"type\":\"product\",\"id\":4294967296}"),
                        400,
                        "data.id must be a positive"),
                bad(
                        "id in exponent form",
                        data("{\"type\":\"product\",\"id\":1e20}"),
                        400,
                        "data.id must be a positive"),
                bad(
                        "id with a path trick",
                        data("{\"type\":\"product\",\"id\":\"5/../../hooks\"}"),
                        400,
                        "data.id must be a positive"),
                bad(
                        "MongoDB operator as id",
                        data("{\"type\":\"product\",\"id\":{\"$gt\":0}}"),
                        400,
                        "must not start with '$'"),
                bad(
                        "MongoDB operator at top level",
                        "{\"$where\":\"sleep(1000)\"," + VALID.substring(1),
                        400,
                        "must not start with '$'"),
                bad("wrong data.type", data("{\"type\":\"category\",\"id\":205}"), 400, "data.type must be"),
                bad(
                        "sku without product",
                        "{\"scope\":\"store/sku/updated\",\"data\":{\"type\":\"sku\",\"id\":4}," + "\"hash\":\"" + HASH
                                + "\",\"created_at\":1}",
                        400,
                        "data.sku must be an object"),
                bad(
                        "metafield resource not digits",
                        "{\"scope\":\"store/product/metafield/updated\",\"data\":{\"resource_id\":\"12abc\"},"
                                + "\"hash\":\"" + HASH + "\",\"created_at\":1}",
                        400,
                        "data.resource_id"),
                bad("hash not hex", payload("hash", "zz" + HASH.substring(2)), 400, "hash must be 40 hexadecimal"),
                bad("hash too short", payload("hash", "abc"), 400, "hash must be 40 hexadecimal"),
                bad("created_at is a string", payload("created_at", "1561479233"), 400, "created_at must be"),
                bad("created_at negative", payload("created_at", -1), 400, "created_at must be"),
                bad("store_id is an object", payload("store_id", Map.of("a", 1)), 400, "store_id"),
                new Bad(
                        "wrong content type",
                        "/webhooks",
                        VALID,
                        headers("text/plain", RunningService.SECRET),
                        415,
                        "Content-Type must be application/json"),
                new Bad(
                        "form content type",
                        "/webhooks",
                        VALID,
                        headers("application/x-www-form-urlencoded", RunningService.SECRET),
                        415,
                        "Content-Type"),
                new Bad(
                        "no secret",
                        "/webhooks",
                        VALID,
                        headers("application/json", null),
                        401,
                        "X-Webhook-Secret header is missing"),
                new Bad(
                        "wrong secret",
                        "/webhooks",
                        VALID,
                        headers("application/json", "not-the-secret"),
                        401,
                        "X-Webhook-Secret header is wrong"),
                new Bad(
                        "secret in other case",
                        "/webhooks",
                        VALID,
                        headers("application/json", RunningService.SECRET.toUpperCase()),
                        401,
                        "header is wrong"),
                new Bad(
                        "secret with a suffix",
                        "/webhooks",
                        VALID,
                        headers("application/json", RunningService.SECRET + "x"),
                        401,
                        "header is wrong"),
                new Bad(
                        "unknown legacy path",
                        "/webhooks/orders/created",
                        VALID,
                        headers("application/json", RunningService.SECRET),
                        404,
                        "no webhook endpoint"),
                new Bad(
                        "path below a legacy path",
                        "/webhooks/products/updated/extra",
                        VALID,
                        headers("application/json", RunningService.SECRET),
                        404,
                        "no webhook endpoint"),
                new Bad(
                        "path that only starts like the intake's",
                        "/webhooksX",
                        VALID,
                        headers("application/json", RunningService.SECRET),
                        404,
                        "no webhook endpoint"),
                new Bad(
                        "over 1 MiB",
                        "/webhooks",
                        "{\"pad\":\"" + "x".repeat(1_048_576) + "\"}",
                        headers("application/json", RunningService.SECRET),
                        413,
                        "larger than the limit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithAReasonAndStoresNothing(Bad bad) throws Exception {
        long eventsBefore = count(CollectionNames.WEBHOOK_EVENTS);
        long tasksBefore = count(CollectionNames.SYNC_TASKS);

        HttpResponse<String> answer = service.post(bad.path(), bad.body(), bad.headers());

        assertThat(answer.statusCode()).isEqualTo(bad.status());
        assertThat(answer.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("message").asText()).contains(bad.reason());
        assertThat(answer.body()).doesNotContain(RunningService.SECRET);
        assertThat(count(CollectionNames.WEBHOOK_EVENTS)).isEqualTo(eventsBefore);
        assertThat(count(CollectionNames.SYNC_TASKS)).isEqualTo(tasksBefore);
    }

    /** A refusal says what is wrong and where, never repeats what was sent (it may end up in a page or a log). */
    @Test
    void refusalsRepeatNothingTheSenderSent() {
        String marker = "ECHO-MARKER";
        for (String body : new String[] {
            "{\"scope\": " + marker,
            "{\"scope\":\"store/" + marker + "/updated\"}",
            data("{\"type\":\"product\",\"id\":{\"$" + marker + "\":0}}"),
            "[\"" + marker + "\"]"
        }) {
            HttpResponse<String> answer = service.postWebhook(body);

            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(answer.body()).as(body).doesNotContain(marker);
        }
    }

    @Test
    void keepsServingAfterBadInput() {
        badRequests().limit(10).forEach(bad -> service.post(bad.path(), bad.body(), bad.headers()));

        HttpResponse<String> answer = service.postWebhook(Webhooks.product("updated", 4242, 1_700_000_000L));

        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private long count(String collection) {
        return service.db().getCollection(collection).countDocuments();
    }

    private static Bad bad(String name, String body, int status, String reason) {
        return new Bad(name, "/webhooks", body, headers("application/json", RunningService.SECRET), status, reason);
    }

    private static Map<String, String> headers(String contentType, String secret) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", contentType);
        if (secret != null) {
            headers.put("X-Webhook-Secret", secret);
        }
        return headers;
    }

    /** A valid product webhook with one field replaced (or removed, with null). */
    private static String payload(String field, Object value) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(VALID, Map.class);
            if (value == null) {
                map.remove(field);
            } else {
                map.put(field, value);
            }
            return JSON.writeValueAsString(map);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String data(String dataJson) {
        return "{\"scope\":\"store/product/updated\",\"store_id\":\"1\",\"data\":" + dataJson + ",\"hash\":\"" + HASH
                + "\",\"created_at\":1561479233}";
    }
}
