package dev.storesync.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.storesync.web.HttpProblem;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a webhook body into a {@link WebhookEvent}, or refuses it with a 400 that says what is wrong. Strict on
 * purpose: duplicate keys, trailing garbage, deep nesting, field names that look like MongoDB operators and ids that
 * are not positive integers are all refused before anything is stored.
 */
public final class WebhookParser {
    private static final Pattern SHA1 = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    private static final int MAX_SCOPE = 100;
    private static final int MAX_PRODUCER = 200;

    private final ObjectMapper json;

    public WebhookParser() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32)
                        .maxNumberLength(40)
                        .build())
                .build();
        this.json = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public WebhookEvent parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw HttpProblem.badRequest("the body is empty; expected a BigCommerce webhook JSON object");
        }
        JsonNode root = readTree(body);
        if (root == null || !root.isObject()) {
            throw HttpProblem.badRequest("the body must be a JSON object");
        }
        refuseOperatorNames(root);

        String scope = requiredText(root, "scope", MAX_SCOPE);
        ScopeRule rule = ScopeRule.forScope(scope)
                .orElseThrow(() -> HttpProblem.badRequest("unknown scope; storesync accepts product,"
                        + " SKU, category, product metafield and channel product assignment scopes"));
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw HttpProblem.badRequest("data must be a JSON object");
        }
        long resourceId = rule.idReader().read(data);

        String hash = requiredText(root, "hash", 40);
        if (!SHA1.matcher(hash).matches()) {
            throw HttpProblem.badRequest("hash must be 40 hexadecimal characters (the SHA-1 of data)");
        }
        JsonNode createdAt = root.get("created_at");
        if (createdAt == null
                || !createdAt.isIntegralNumber()
                || !createdAt.canConvertToLong()
                || createdAt.asLong() <= 0) {
            throw HttpProblem.badRequest("created_at must be a positive integer (seconds since the epoch)");
        }
        return new WebhookEvent(
                scope,
                hash.toLowerCase(java.util.Locale.ROOT),
                createdAt.asLong(),
                storeId(root),
                optionalText(root, "producer", MAX_PRODUCER),
                rule.resourceType(),
                resourceId,
                data.toString());
    }

    private JsonNode readTree(byte[] body) {
        try {
            return json.readTree(body);
        } catch (StreamConstraintsException e) {
            throw HttpProblem.badRequest("the body is nested too deeply or has an oversized number");
        } catch (JsonProcessingException e) {
            // where, never what: the parser's message quotes the request, and answers repeat nothing a sender sent
            throw HttpProblem.badRequest("the body is not valid JSON" + where(e));
        } catch (IOException e) {
            throw HttpProblem.badRequest("the body could not be read as JSON");
        }
    }

    /** Field names never become part of a query, but refusing them outright keeps stored data unambiguous. */
    private static void refuseOperatorNames(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.startsWith("$") || name.indexOf('\0') >= 0) {
                    throw HttpProblem.badRequest("field names must not start with '$' or contain NUL");
                }
                refuseOperatorNames(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                refuseOperatorNames(element);
            }
        }
    }

    private static String requiredText(JsonNode root, String field, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw HttpProblem.badRequest(field + " is required");
        }
        if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > maxLength) {
            throw HttpProblem.badRequest(field + " must be a non-empty string of at most " + maxLength + " characters");
        }
        return node.asText();
    }

    private static Optional<String> optionalText(JsonNode root, String field, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().length() > maxLength) {
            throw HttpProblem.badRequest(field + " must be a string of at most " + maxLength + " characters");
        }
        return Optional.of(node.asText());
    }

    /** BigCommerce documents store_id as a string of digits; some deliveries carry a number. */
    private static Optional<String> storeId(JsonNode root) {
        JsonNode node = root.get("store_id");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual() && DIGITS.matcher(node.asText()).matches()) {
            return Optional.of(node.asText());
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0) {
            return Optional.of(Long.toString(node.asLong()));
        }
        throw HttpProblem.badRequest("store_id must be a string of digits");
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }
}
