package dev.storesync.bigcommerce;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A store's answer: status, headers (names compared without case) and the raw body. */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    public ApiResponse {
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        headers = caseless;
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<Long> longHeader(String name) {
        return header(name).flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }
}
