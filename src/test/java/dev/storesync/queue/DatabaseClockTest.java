package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storesync.testsupport.MutableClock;
import dev.storesync.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database's clock as one instance reads it: carried by the monotonic clock, refused when too uncertain. */
class DatabaseClockTest {
    private static final Instant SERVER = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration REMEASURE = Duration.ofSeconds(10);
    private static final Duration BOUND = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    /** A monotonic clock the test moves; each server call can be made to take a round trip of {@code trip}. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private final MutableClock machine = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"));
    private final AtomicInteger serverCalls = new AtomicInteger();
    private volatile Duration trip = Duration.ofMillis(4);
    private volatile Instant serverNow = SERVER;

    /** The server answers at the middle of the round trip; the trip advances the monotonic clock. */
    private final Supplier<Instant> server = () -> {
        serverCalls.incrementAndGet();
        nanos.addAndGet(trip.toNanos() / 2);
        Instant answer = serverNow.plusNanos(nanos.get() - 1_000_000_000L);
        nanos.addAndGet(trip.toNanos() / 2);
        return answer;
    };

    private DatabaseClock clock() {
        return new DatabaseClock(server, machine, nanos::get, REMEASURE, BOUND);
    }

    private void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void tellsTheServersTimeWhateverThisMachinesClockSays() {
        DatabaseClock clock = clock();

        assertThat(clock.certainNow()).isEqualTo(SERVER.plus(trip));
        elapse(Duration.ofSeconds(3));
        machine.advance(Duration.ofDays(400));

        assertThat(clock.certainNow())
                .as("carried forward by the monotonic clock, not the wall clock that jumped")
                .isEqualTo(SERVER.plus(trip).plusSeconds(3));
        assertThat(serverCalls).hasValue(1);
    }

    @Test
    void readsTheServerAgainEachPeriod() {
        DatabaseClock clock = clock();
        clock.now();
        elapse(REMEASURE.minus(trip)); // a period since the last reading was asked for
        clock.now();
        assertThat(serverCalls).hasValue(1);

        serverNow = serverNow.plusSeconds(5); // the server's clock was stepped
        elapse(Duration.ofMillis(2));

        assertThat(clock.now())
                .isEqualTo(serverNow.plus(REMEASURE).plusMillis(2).plus(trip));
        assertThat(serverCalls).hasValue(2);
    }

    @Test
    void refusesLeasesWhileTheServerWasNeverReached() {
        DatabaseClock clock = new DatabaseClock(
                () -> {
                    throw new IllegalStateException("connection refused");
                },
                machine,
                nanos::get,
                REMEASURE,
                BOUND);

        assertThat(clock.now())
                .as("this machine's clock, for times nothing is decided on")
                .isEqualTo(machine.instant());
        assertThatThrownBy(clock::certainNow)
                .isInstanceOf(LeaseClock.UncertainTimeException.class)
                .hasMessageContaining("not known yet");
    }

    @Test
    void refusesLeasesWhenTheRoundTripMakesTheTimeTooUncertain() {
        trip = Duration.ofSeconds(5);
        DatabaseClock clock = clock();

        assertThatThrownBy(clock::certainNow)
                .isInstanceOf(LeaseClock.UncertainTimeException.class)
                .hasMessageMatching(".*within 250\\d ms \\(the bound is 2000 ms\\).*");

        trip = Duration.ofMillis(10);
        elapse(REMEASURE.plusSeconds(1));
        assertThat(clock.certainNow())
                .isEqualTo(SERVER.plusSeconds(5).plus(REMEASURE).plusSeconds(1).plusMillis(10));
    }

    @Test
    void keepsAGoodReadingOverALaterSlowOne() {
        DatabaseClock clock = clock();
        Instant first = clock.certainNow();

        trip = Duration.ofSeconds(6);
        serverNow = serverNow.plusSeconds(30); // a slow answer that is also wrong must not replace a good reading
        elapse(REMEASURE.plusSeconds(1));

        Instant later = clock.certainNow();
        assertThat(serverCalls).hasValue(2);
        assertThat(Duration.between(first, later))
                .isEqualTo(REMEASURE.plusSeconds(1).plusSeconds(6));
    }

    @Test
    void theUncertaintyGrowsWithTheDriftOfTheMonotonicClock() {
        DatabaseClock clock = new DatabaseClock(server, machine, nanos::get, Duration.ofDays(1), BOUND);
        clock.certainNow();

        // 500 parts per million: 2 s of drift after 67 minutes without a reading
        elapse(Duration.ofMinutes(60));
        assertThat(clock.certainNow()).isAfter(SERVER);
        elapse(Duration.ofMinutes(7));

        assertThatThrownBy(clock::certainNow).isInstanceOf(LeaseClock.UncertainTimeException.class);
    }

    @Test
    void readsTheEmbeddedServersTime() {
        try (TestDatabase db = TestDatabase.open(dir)) {
            Instant before = Instant.now();
            Instant server = DatabaseClock.serverTime(db.mongo());
            Instant after = Instant.now();

            // the embedded server runs in this JVM, so its clock is this one (to the millisecond it reports)
            assertThat(server).isBetween(before.minusMillis(1), after.plusMillis(1));
        }
    }
}
