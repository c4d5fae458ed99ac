package dev.storesync.web;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes guessing the admin password slow and visible. After {@link #FREE_FAILURES} wrong credentials in a row from one
 * address, that address is refused without a check for a while that doubles with each further failure, up to
 * {@link #LONGEST}; a success forgets its failures. The first failure and every lock are logged, with the address and
 * never the credentials.
 *
 * <p>Keyed by the connection's address only: a forwarded-for header is the guesser's to choose.
 */
final class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_LOCK = Duration.ofSeconds(1);
    static final Duration LONGEST = Duration.ofMinutes(1);
    /** Addresses remembered at most; the oldest are forgotten first, so a botnet cannot fill the heap. */
    private static final int REMEMBERED = 10_000;

    private final LongSupplier nanoTime;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** How long the address must still wait before its credentials are checked again; zero when it may try now. */
    synchronized Duration wait(String address) {
        Failures failures = byAddress.get(address);
        if (failures == null) {
            return Duration.ZERO;
        }
        long left = failures.lockedUntil - nanoTime.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    synchronized void failed(String address) {
        Failures failures = byAddress.computeIfAbsent(address, a -> new Failures());
        failures.count++;
        if (failures.count == 1) {
            LOG.warn("admin login failed from {}", address);
        }
        if (failures.count >= FREE_FAILURES) {
            Duration lock = lockAfter(failures.count);
            failures.lockedUntil = nanoTime.getAsLong() + lock.toNanos();
            LOG.warn(
                    "admin login failed {} times in a row from {}: its next attempt is refused for {} s",
                    failures.count,
                    address,
                    lock.toSeconds() == 0 ? 1 : lock.toSeconds());
        }
        forgetOldest();
    }

    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }

    static Duration lockAfter(int failures) {
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST) > 0 ? LONGEST : lock;
    }

    private void forgetOldest() {
        Iterator<Map.Entry<String, Failures>> oldest = byAddress.entrySet().iterator();
        while (byAddress.size() > REMEMBERED && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    private static final class Failures {
        int count;
        long lockedUntil;
    }
}
