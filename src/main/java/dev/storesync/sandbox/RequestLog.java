package dev.storesync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request a simulated store answered: counted per operation (so tests can assert how many calls a sync made)
 * and, optionally, written as JSON lines ({@code ts, method, path, query, body, status, ms, response}) for
 * {@code bc-contract-check}.
 */
public final class RequestLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One answered request: {@code ts} is when it arrived, {@code headers} what the answer carried besides its body
     * (the rate-limit headers), {@code operation} the method and path template, e.g. {@code GET /catalog/products}.
     */
    public record Entry(
            Instant ts,
            String method,
            String path,
            String query,
            JsonNode body,
            int status,
            long ms,
            JsonNode response,
            Map<String, String> headers,
            String operation) {

        public boolean write() {
            return !"GET".equals(method);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private BufferedWriter file;

    /** Also appends every entry to {@code path} as one JSON line. */
    public synchronized void writeTo(Path path) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            close();
            file = Files.newBufferedWriter(
                    path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the request log to " + path, e);
        }
    }

    public synchronized void record(Entry entry) {
        entries.add(entry);
        counts.computeIfAbsent(entry.operation(), op -> new LongAdder()).increment();
        if (file != null) {
            try {
                file.write(JSON.writeValueAsString(line(entry)));
                file.newLine();
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Calls per operation, e.g. {@code {"GET /catalog/products/{product_id}": 3}}. */
    public Map<String, Long> counts() {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((op, count) -> result.put(op, count.sum()));
        return result;
    }

    public long count(String operation) {
        LongAdder count = counts.get(operation);
        return count == null ? 0 : count.sum();
    }

    public synchronized long total() {
        return entries.size();
    }

    public synchronized long writes() {
        return entries.stream().filter(Entry::write).count();
    }

    /** Forgets what was recorded so far (the file keeps it). */
    public synchronized void clear() {
        entries.clear();
        counts.clear();
    }

    private static ObjectNode line(Entry entry) {
        ObjectNode line = JSON.createObjectNode();
        line.put("ts", entry.ts().toString());
        line.put("method", entry.method());
        line.put("path", entry.path());
        line.put("query", entry.query());
        line.set("body", entry.body());
        line.put("status", entry.status());
        line.put("ms", entry.ms());
        line.set("response", entry.response());
        line.set("headers", JSON.valueToTree(entry.headers()));
        return line;
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                file = null;
            }
        }
    }
}
