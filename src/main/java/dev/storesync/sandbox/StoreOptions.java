package dev.storesync.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How one simulated store is set up. {@code idBase} keeps the ids of two stores apart, so that a client which uses
 * Store A's ids against Store B fails visibly.
 */
public record StoreOptions(
        String hash,
        String token,
        String storeId,
        long idBase,
        int quota,
        Duration window,
        Duration latency,
        Optional<Path> requestLog,
        long seed,
        Clock clock) {

    public static StoreOptions of(String hash, String token) {
        return new StoreOptions(
                hash,
                token,
                Long.toString(1_000_000L + Math.floorMod(hash.hashCode(), 9_000_000L)),
                100 + Math.floorMod(hash.hashCode(), 50) * 1_000_000L,
                1_000_000,
                Duration.ofSeconds(30),
                Duration.ZERO,
                Optional.empty(),
                hash.hashCode(),
                Clock.systemUTC());
    }

    public StoreOptions withQuota(int quota, Duration window) {
        return new StoreOptions(hash, token, storeId, idBase, quota, window, latency, requestLog, seed, clock);
    }

    public StoreOptions withLatency(Duration latency) {
        return new StoreOptions(hash, token, storeId, idBase, quota, window, latency, requestLog, seed, clock);
    }

    public StoreOptions withRequestLog(Path file) {
        return new StoreOptions(hash, token, storeId, idBase, quota, window, latency, Optional.of(file), seed, clock);
    }

    public StoreOptions withIdBase(long idBase) {
        return new StoreOptions(hash, token, storeId, idBase, quota, window, latency, requestLog, seed, clock);
    }

    public StoreOptions withClock(Clock clock) {
        return new StoreOptions(hash, token, storeId, idBase, quota, window, latency, requestLog, seed, clock);
    }
}
