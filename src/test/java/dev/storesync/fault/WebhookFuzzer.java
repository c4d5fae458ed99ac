package dev.storesync.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.testsupport.RunningService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Mutated webhook requests, reproducible from a seed: a valid BigCommerce webhook with one to three mutations of its
 * fields, its body as a whole, its headers or its path. Some mutations leave it valid; the intake must tell which.
 */
final class WebhookFuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS =
            List.of("scope", "store_id", "data", "data.type", "data.id", "hash", "created_at", "producer");
    private static final List<String> PATHS = List.of(
            "/webhooks",
            "/webhooks/",
            "/webhooks?scope=store/product/deleted",
            "/webhooks/product/updated",
            "/webhooks/product/../../admin/api/status",
            "/webhooks/%2e%2e/admin",
            "/webhooks/product/%00",
            "/webhooks/x/y/z",
            "/webhook",
            "//webhooks");
    private static final List<String> CONTENT_TYPES = List.of(
            "text/plain",
            "application/json; charset=utf-16",
            "application/xml",
            "APPLICATION/JSON",
            "application/json;charset=UTF-8",
            "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded",
            "");

    /** One request to send. */
    record Request(String description, String path, Map<String, String> headers, byte[] body) {}

    private final Random random;
    private final List<Supplier<JsonNode>> oddValues;

    WebhookFuzzer(long seed) {
        this.random = new Random(seed);
        this.oddValues = List.of(
                NODES::nullNode,
                () -> NODES.booleanNode(true),
                () -> NODES.numberNode(0),
                () -> NODES.numberNode(-1),
                () -> NODES.numberNode(Long.MIN_VALUE),
                () -> NODES.numberNode(Long.MAX_VALUE),
                () -> NODES.numberNode(1e308),
                () -> NODES.numberNode(1.5),
                () -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
                () -> NODES.textNode(""),
                () -> NODES.textNode(" "),
                () -> NODES.textNode("1"),
                () -> NODES.textNode("-1"),
                () -> NODES.textNode("../../admin"),
                () -> NODES.textNode("1/../../2"),
                () -> NODES.textNode("%2e%2e%2f"),
                () -> NODES.textNode("1; DROP TABLE products"),
                () -> NODES.textNode("{\"$gt\": 0}"),
                () -> NODES.objectNode().put("$gt", 0),
                () -> NODES.objectNode().put("$where", "sleep(1000)"),
                () -> NODES.objectNode().putObject("$ne").put("a", 1),
                NODES::arrayNode,
                () -> NODES.arrayNode().add(1),
                NODES::objectNode,
                () -> NODES.textNode("😀 ünïcødé"),
                () -> NODES.textNode("\u0000"),
                () -> NODES.textNode("x".repeat(100_000)),
                () -> nested(60),
                () -> NODES.textNode("store/product/*"),
                () -> NODES.textNode("STORE/PRODUCT/UPDATED"),
                () -> NODES.textNode("store/product/updated "),
                () -> NODES.textNode("store/order/created"),
                () -> NODES.textNode("store/sku/updated"),
                () -> NODES.textNode("store/category/deleted"));
    }

    Request next(int index) {
        ObjectNode body = valid(index);
        String path = "/webhooks";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Webhook-Secret", RunningService.SECRET);
        List<String> what = new ArrayList<>();
        byte[] bytes = null;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> {
                    String field = FIELDS.get(random.nextInt(FIELDS.size()));
                    JsonNode value =
                            oddValues.get(random.nextInt(oddValues.size())).get();
                    set(body, field, value);
                    what.add(field + "=" + abbreviate(value.toString()));
                }
                case 4 -> {
                    String field = FIELDS.get(random.nextInt(FIELDS.size()));
                    remove(body, field);
                    what.add("no " + field);
                }
                case 5 -> {
                    String key = List.of("$set", "__proto__", "constructor", "a.b", "", "$where")
                            .get(random.nextInt(6));
                    body.putObject(key).put("status", "admin");
                    what.add("extra field '" + key + "'");
                }
                case 6 -> {
                    bytes = wholeBody(body, what);
                }
                case 7 -> {
                    String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
                    if (type.isEmpty()) {
                        headers.remove("Content-Type");
                    } else {
                        headers.put("Content-Type", type);
                    }
                    what.add("content type '" + type + "'");
                }
                case 8 -> secret(headers, what);
                default -> {
                    path = PATHS.get(random.nextInt(PATHS.size()));
                    what.add("path " + path);
                }
            }
        }
        if (bytes == null) {
            bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        }
        return new Request(String.join(", ", what), path, headers, bytes);
    }

    private ObjectNode valid(int index) {
        ObjectNode body = NODES.objectNode();
        body.put("scope", "store/product/updated");
        body.put("store_id", "1001");
        body.putObject("data").put("type", "product").put("id", 5_000_000 + index);
        body.put("hash", String.format("%040x", index));
        body.put("created_at", 1_750_000_000L + index);
        body.put("producer", "stores/storea");
        return body;
    }

    private byte[] wholeBody(ObjectNode body, List<String> what) {
        byte[] json = body.toString().getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(9)) {
            case 0 -> {
                what.add("truncated");
                return java.util.Arrays.copyOf(json, random.nextInt(json.length));
            }
            case 1 -> {
                what.add("random bytes");
                byte[] noise = new byte[1 + random.nextInt(512)];
                random.nextBytes(noise);
                return noise;
            }
            case 2 -> {
                what.add("invalid UTF-8");
                String text = body.toString();
                int at = text.indexOf("store/");
                byte[] broken = text.getBytes(StandardCharsets.UTF_8);
                broken[Math.max(0, at)] = (byte) 0xC3;
                return broken;
            }
            case 3 -> {
                what.add("byte order mark");
                byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                byte[] withBom = new byte[json.length + 3];
                System.arraycopy(bom, 0, withBom, 0, 3);
                System.arraycopy(json, 0, withBom, 3, json.length);
                return withBom;
            }
            case 4 -> {
                what.add("over 1 MiB");
                body.put("padding", "p".repeat(1_100_000));
                return body.toString().getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                what.add("nested 5,000 deep");
                return ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> {
                what.add("an array of webhooks");
                return NODES.arrayNode().add(body).add(body).toString().getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                what.add("duplicate keys");
                String text = body.toString();
                return ("{\"scope\":\"store/order/created\"," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                String literal =
                        List.of("", "null", "\"text\"", "42", "{}", "[]").get(random.nextInt(6));
                what.add("body '" + literal + "'");
                return literal.getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private void secret(Map<String, String> headers, List<String> what) {
        switch (random.nextInt(8)) {
            case 0 -> {
                headers.remove("X-Webhook-Secret");
                what.add("no secret");
            }
            case 1 -> {
                headers.put("X-Webhook-Secret", "wrong-secret-SHOULD-NOT-LEAK");
                what.add("wrong secret");
            }
            case 2 -> {
                headers.put("X-Webhook-Secret", RunningService.SECRET.substring(1));
                what.add("secret one character short");
            }
            case 3 -> {
                headers.put("X-Webhook-Secret", "s".repeat(8_000));
                what.add("secret of 8,000 characters");
            }
            case 4 -> {
                headers.put("X-Webhook-Secret", RunningService.SECRET.toUpperCase(java.util.Locale.ROOT));
                what.add("secret in upper case");
            }
            case 5 -> {
                headers.put("X-Webhook-Secret", "s\u00e9cret-\u00fc\u00f1\u00ee");
                what.add("secret with non-ASCII characters");
            }
            case 6 -> {
                headers.put("X-Webhook-Secret", "x\r\nX-Injected: 1");
                what.add("secret with a header injected");
            }
            default -> {
                headers.put("Content-Encoding", "gzip");
                what.add("claims gzip, is not");
            }
        }
    }

    private static void set(ObjectNode body, String field, JsonNode value) {
        if (field.startsWith("data.")) {
            JsonNode data = body.path("data");
            if (data instanceof ObjectNode object) {
                object.set(field.substring(5), value);
            }
        } else {
            body.set(field, value);
        }
    }

    private static void remove(ObjectNode body, String field) {
        if (field.startsWith("data.")) {
            JsonNode data = body.path("data");
            if (data instanceof ObjectNode object) {
                object.remove(field.substring(5));
            }
        } else {
            body.remove(field);
        }
    }

    private static JsonNode nested(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode inner = root;
        for (int i = 0; i < depth; i++) {
            inner = inner.addArray();
        }
        return root;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    static JsonNode parse(String text) throws Exception {
        return JSON.readTree(text);
    }
}
