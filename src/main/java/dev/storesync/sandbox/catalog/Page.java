package dev.storesync.sandbox.catalog;

import java.util.List;

/** One page of a page-based listing, with what the {@code meta.pagination} of the answer needs. */
public record Page<T>(List<T> items, long total, int page, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 250;

    public static <T> Page<T> of(List<T> all, int page, int limit) {
        int from = (int) Math.min((long) (page - 1) * limit, all.size());
        int to = Math.min(from + limit, all.size());
        return new Page<>(List.copyOf(all.subList(from, to)), all.size(), page, limit);
    }

    public int totalPages() {
        return total == 0 ? 0 : (int) ((total + limit - 1) / limit);
    }

    public <R> Page<R> map(java.util.function.Function<T, R> mapping) {
        return new Page<>(items.stream().map(mapping).toList(), total, page, limit);
    }
}
