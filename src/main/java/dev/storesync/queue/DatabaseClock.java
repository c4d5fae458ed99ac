package dev.storesync.queue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database server's clock, read from this instance: every instance that shares a database shares its time, so
 * their own clocks may differ by any amount without one reclaiming another's live lease (G6).
 *
 * <p>It asks the server for its time ({@code isMaster}'s {@code localTime}) every {@code remeasureEvery}, and in between
 * adds the time elapsed on this machine's monotonic clock, so a jump of this machine's wall clock changes nothing. The
 * answer is known to within half the round trip, plus the drift the monotonic clock may have gathered since; a lease is
 * taken or extended only while that uncertainty is within {@code maxUncertainty} ({@link #certainNow}). With two
 * instances each within the bound, their readings differ by at most twice the bound, which the lease must exceed by
 * far: a holder trusts its lease for half of it (see {@link LeaseGuard}), so the bound is kept under an eighth of it.
 */
public final class DatabaseClock extends Clock implements LeaseClock {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseClock.class);
    /** The server answers in milliseconds. */
    private static final long RESOLUTION_NANOS = Duration.ofMillis(1).toNanos();
    /** An NTP-disciplined monotonic clock is slewed by at most 500 parts per million. */
    private static final long DRIFT_PER_MILLION = 500;

    private final Supplier<Instant> serverTime;
    private final Clock machine;
    private final LongSupplier nanoTime;
    private final long remeasureNanos;
    private final long maxUncertaintyNanos;
    private final ReentrantLock measuring = new ReentrantLock();
    private volatile Reading reading;
    private volatile long lastAttemptAt;
    private volatile boolean troubleLogged;

    /** The server's time at {@code atNanos} on the monotonic clock, known to within {@code uncertaintyNanos}. */
    private record Reading(Instant server, long atNanos, long uncertaintyNanos) {
        Instant at(long nanos) {
            return server.plusNanos(nanos - atNanos);
        }

        long uncertaintyAt(long nanos) {
            return uncertaintyNanos + (nanos - atNanos) / 1_000_000 * DRIFT_PER_MILLION;
        }
    }

    /**
     * @param serverTime asks the server for its time (one round trip)
     * @param machine this machine's wall clock: only until the server has answered once, and never for a lease
     * @param nanoTime this machine's monotonic clock, which carries a reading forward
     */
    DatabaseClock(
            Supplier<Instant> serverTime,
            Clock machine,
            LongSupplier nanoTime,
            Duration remeasureEvery,
            Duration maxUncertainty) {
        this.serverTime = serverTime;
        this.machine = machine;
        this.nanoTime = nanoTime;
        this.remeasureNanos = remeasureEvery.toNanos();
        this.maxUncertaintyNanos = maxUncertainty.toNanos();
    }

    /** Reads {@code database}'s server clock; {@code lease} sets the bound of uncertainty (an eighth, at most 2 s). */
    public static DatabaseClock of(MongoDatabase database, Duration lease) {
        Duration bound =
                lease.dividedBy(8).compareTo(Duration.ofSeconds(2)) < 0 ? lease.dividedBy(8) : Duration.ofSeconds(2);
        return new DatabaseClock(
                () -> serverTime(database), Clock.systemUTC(), System::nanoTime, Duration.ofSeconds(10), bound);
    }

    /**
     * The server's {@code localTime}, from {@code isMaster}: every MongoDB server answers it (deprecated since 5.0 in
     * favour of {@code hello}, which the embedded server does not know and logs as an error), so it is asked first.
     */
    static Instant serverTime(MongoDatabase database) {
        Document answer;
        try {
            answer = database.runCommand(new Document("isMaster", 1));
        } catch (MongoCommandException e) {
            answer = database.runCommand(new Document("hello", 1));
        }
        Date localTime = answer.getDate("localTime");
        if (localTime == null) {
            throw new IllegalStateException("the database server does not tell its time (no localTime in isMaster)");
        }
        return localTime.toInstant();
    }

    @Override
    public Instant instant() {
        return now();
    }

    /** The server's time; this machine's own clock until the server has been reached once. */
    @Override
    public Instant now() {
        Reading current = current();
        return current == null ? machine.instant() : current.at(nanoTime.getAsLong());
    }

    @Override
    public Instant certainNow() {
        Reading current = current();
        if (current == null) {
            throw new UncertainTimeException("the database's time is not known yet: no lease is taken or extended");
        }
        long now = nanoTime.getAsLong();
        long uncertainty = current.uncertaintyAt(now);
        if (uncertainty > maxUncertaintyNanos) {
            throw new UncertainTimeException("the database's time is known only to within "
                    + Duration.ofNanos(uncertainty).toMillis() + " ms (the bound is "
                    + Duration.ofNanos(maxUncertaintyNanos).toMillis() + " ms): no lease is taken or extended");
        }
        return current.at(now);
    }

    private Reading current() {
        if (reading == null) {
            // nothing to go on yet: worth waiting for whoever is asking the server already
            measuring.lock();
        } else if (nanoTime.getAsLong() - lastAttemptAt <= remeasureNanos || !measuring.tryLock()) {
            return reading;
        }
        try {
            if (reading == null || nanoTime.getAsLong() - lastAttemptAt > remeasureNanos) {
                measure();
            }
        } finally {
            measuring.unlock();
        }
        return reading;
    }

    private void measure() {
        long before = nanoTime.getAsLong();
        lastAttemptAt = before;
        Instant server;
        try {
            server = serverTime.get();
        } catch (RuntimeException e) {
            if (!troubleLogged) {
                troubleLogged = true;
                LOG.warn("cannot read the database's time: {} (it is read again shortly)", e.toString());
            }
            return;
        }
        troubleLogged = false;
        long after = nanoTime.getAsLong();
        Reading fresh = new Reading(server, before + (after - before) / 2, (after - before) / 2 + RESOLUTION_NANOS);
        Reading previous = reading;
        // a slow round trip measures worse than the reading it would replace: keep the better one
        if (previous == null || fresh.uncertaintyNanos() <= previous.uncertaintyAt(fresh.atNanos())) {
            reading = fresh;
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
