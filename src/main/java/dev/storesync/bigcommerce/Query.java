package dev.storesync.bigcommerce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A query string, encoded as BigCommerce expects: every value percent-encoded byte by byte (UTF-8) except the RFC 3986
 * unreserved characters, so {@code +}, spaces, {@code /}, commas and non-ASCII in a SKU or name arrive intact; list
 * values ({@code id:in}, {@code include}) joined with literal commas; parameter names such as {@code id:in} as they are.
 * Setting a parameter again replaces it: the API reads a repeated key unpredictably.
 */
public final class Query {
    private record Parameter(String name, String encodedValue) {}

    private final List<Parameter> parameters;

    private Query(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    public static Query empty() {
        return new Query(List.of());
    }

    public static Query of(String name, Object value) {
        return empty().with(name, value);
    }

    public Query with(String name, Object value) {
        return set(name, encode(String.valueOf(value)));
    }

    /** A list parameter; its values must not themselves contain commas (the API could not tell them apart). */
    public Query withList(String name, Collection<?> values) {
        for (Object value : values) {
            if (String.valueOf(value).contains(",")) {
                throw new IllegalArgumentException(name + " cannot carry a value with a comma: " + value);
            }
        }
        return set(name, values.stream().map(v -> encode(String.valueOf(v))).collect(Collectors.joining(",")));
    }

    /** The value of a parameter, decoded; empty when it is not set. */
    public Optional<String> value(String name) {
        return parameters.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .map(p -> decode(p.encodedValue()));
    }

    /** The encoded query string, without the leading {@code ?}. */
    public String encoded() {
        return parameters.stream().map(p -> p.name() + "=" + p.encodedValue()).collect(Collectors.joining("&"));
    }

    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    private Query set(String name, String encodedValue) {
        List<Parameter> next = new ArrayList<>(parameters);
        next.removeIf(p -> p.name().equals(name));
        next.add(new Parameter(name, encodedValue));
        return new Query(next);
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~';
            if (unreserved) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String decode(String encoded) {
        return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return encoded();
    }
}
