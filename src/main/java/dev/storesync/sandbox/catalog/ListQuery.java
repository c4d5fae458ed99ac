package dev.storesync.sandbox.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query parameters of a request, decoded, with the parsing rules BigCommerce uses: comma-separated lists
 * ({@code id:in=1,2}), {@code page}/{@code limit} (at most 250), dates as ISO-8601 or Unix seconds. A value that does
 * not parse is a 422 naming the parameter.
 */
public final class ListQuery {
    private final Map<String, String> params;

    public ListQuery(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    public static ListQuery empty() {
        return new ListQuery(Map.of());
    }

    public Set<String> names() {
        return params.keySet();
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public Optional<Long> number(String name) {
        return string(name).map(value -> parseLong(name, value));
    }

    public Optional<Double> decimal(String name) {
        return string(name).map(value -> {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw ApiException.invalid(name, "must be a number");
            }
        });
    }

    public Optional<Boolean> bool(String name) {
        return string(name).map(value -> switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.invalid(name, "must be true or false");
        });
    }

    /** A comma-separated list of ids; empty when the parameter is absent. */
    public List<Long> ids(String name) {
        return string(name)
                .map(value -> Arrays.stream(value.split(","))
                        .filter(part -> !part.isBlank())
                        .map(part -> parseLong(name, part.trim()))
                        .toList())
                .orElse(List.of());
    }

    public List<String> strings(String name) {
        return string(name)
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    public Set<String> set(String name) {
        return new LinkedHashSet<>(strings(name));
    }

    public Optional<Instant> dateTime(String name) {
        return string(name).map(value -> parseDateTime(name, value));
    }

    public int page() {
        int page = number("page").orElse(1L).intValue();
        if (page < 1) {
            throw ApiException.invalid("page", "must be 1 or more");
        }
        return page;
    }

    public int limit() {
        long limit = number("limit").orElse((long) Page.DEFAULT_LIMIT);
        if (limit < 1) {
            throw ApiException.invalid("limit", "must be 1 or more");
        }
        return (int) Math.min(limit, Page.MAX_LIMIT);
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be an integer or a comma-separated list of integers");
        }
    }

    private static Instant parseDateTime(String name, String value) {
        try {
            if (value.matches("-?\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(value.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                        .toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.invalid(name, "must be a date-time (ISO-8601) or Unix seconds");
        }
    }
}
