package dev.storesync.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    @Test
    void aFewMistakesCostNothing() {
        for (int i = 1; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.1");
            assertThat(throttle.wait("10.0.0.1")).as("after %d failures", i).isZero();
        }
    }

    @Test
    void repeatedFailuresLockTheAddressForLongerEachTimeUpToAMinute() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.wait("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.wait("10.0.0.2")).as("another address").isZero();

        advance(Duration.ofSeconds(1));
        assertThat(throttle.wait("10.0.0.1")).isZero();
        throttle.failed("10.0.0.1");
        assertThat(throttle.wait("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));

        assertThat(LoginThrottle.lockAfter(LoginThrottle.FREE_FAILURES + 2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(LoginThrottle.lockAfter(LoginThrottle.FREE_FAILURES + 30)).isEqualTo(LoginThrottle.LONGEST);
        assertThat(LoginThrottle.lockAfter(Integer.MAX_VALUE)).isEqualTo(LoginThrottle.LONGEST);
    }

    @Test
    void aSuccessForgetsTheFailures() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
            throttle.failed("10.0.0.1");
        }
        throttle.succeeded("10.0.0.1");
        throttle.failed("10.0.0.1");

        assertThat(throttle.wait("10.0.0.1")).isZero();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
