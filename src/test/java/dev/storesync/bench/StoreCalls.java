package dev.storesync.bench;

import dev.storesync.sandbox.RequestLog;
import dev.storesync.sandbox.SimulatedStore;
import java.time.Instant;
import java.util.List;

/** The calls the service made to both stores since their logs were cleared, as the simulator counted them. */
record StoreCalls(long aReads, long aWrites, long bReads, long bWrites) {
    static void clear(SimulatedStore a, SimulatedStore b) {
        a.requests().clear();
        b.requests().clear();
    }

    static StoreCalls since(SimulatedStore a, SimulatedStore b) {
        List<RequestLog.Entry> fromA = a.requests().entries();
        List<RequestLog.Entry> fromB = b.requests().entries();
        return new StoreCalls(
                fromA.stream().filter(e -> !e.write()).count(),
                fromA.stream().filter(RequestLog.Entry::write).count(),
                fromB.stream().filter(e -> !e.write()).count(),
                fromB.stream().filter(RequestLog.Entry::write).count());
    }

    long total() {
        return aReads + aWrites + bReads + bWrites;
    }

    /** When the last write to Store B was answered: when the change was visible there. */
    static Instant lastWriteAnswered(SimulatedStore b) {
        return lastAnswered(
                b.requests().entries().stream().filter(RequestLog.Entry::write).toList());
    }

    static Instant lastAnswered(List<RequestLog.Entry> calls) {
        return calls.stream()
                .map(e -> e.ts().plusMillis(e.ms()))
                .max(Instant::compareTo)
                .orElseThrow(() -> new IllegalStateException("the service called Store B for nothing"));
    }
}
