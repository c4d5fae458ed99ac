package dev.storesync.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's arithmetic, on a clock the test moves; the gate against a real store is in {@link RateLimitTest}. */
class RateLimitGateTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final RateLimitGate gate = new RateLimitGate(clock, 0.10);

    @Test
    void beforeTheFirstAnswerRequestsGoOutFreely() {
        for (int i = 0; i < 20; i++) {
            assertThat(gate.tryAcquire()).isZero();
        }
        assertThat(gate.snapshot().inFlight()).isEqualTo(20);
    }

    @Test
    void requestsGoOutFreelyWhileMoreThanHalfTheQuotaIsLeft() {
        gate.tryAcquire();
        gate.release(answer(200, 100, 80, 20_000));

        for (int i = 0; i < 10; i++) {
            assertThat(gate.tryAcquire()).isZero();
        }
    }

    @Test
    void belowHalfTheQuotaWhatIsLeftIsSpreadOverTheWindow() {
        gate.tryAcquire();
        // 40 left of 100, 10 kept for other apps: 30 usable over the 31 s to the reset
        gate.release(answer(200, 100, 40, 31_000));

        assertThat(gate.tryAcquire()).isZero();
        long wait = gate.tryAcquire();

        assertThat(wait).isBetween(900L, 1_100L);
        clock.advance(Duration.ofMillis(wait));
        assertThat(gate.tryAcquire()).isZero();
    }

    @Test
    void theReserveAndTheRequestsInFlightAreNotSpent() {
        gate.tryAcquire();
        gate.release(answer(200, 100, 12, 5_000));

        // 12 left, 10 reserved for other apps: two may go out, the third waits for the reset
        assertThat(gate.tryAcquire()).isZero();
        clock.advance(Duration.ofMillis(gate.tryAcquire()));
        assertThat(gate.tryAcquire()).isZero();
        long wait = gate.tryAcquire();

        assertThat(wait).isPositive();
        assertThat(gate.snapshot().inFlight()).isEqualTo(2);
        clock.advance(Duration.ofMillis(5_000));
        assertThat(gate.tryAcquire()).as("a new window").isZero();
    }

    @Test
    void after429EveryoneWaitsForTheLaterOfResetAndRetryAfter() {
        gate.tryAcquire();
        Map<String, String> headers = headers(100, 0, 1_500);
        headers.put("X-Retry-After", "3");
        gate.release(new ApiResponse(429, headers, null));

        assertThat(gate.tryAcquire()).isEqualTo(3_000);
        assertThat(gate.snapshot().blockedForMs()).isEqualTo(3_000);
        clock.advance(Duration.ofMillis(2_999));
        assertThat(gate.tryAcquire()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(gate.tryAcquire()).isZero();
    }

    @Test
    void retryAfterIsTheResetWhenItIsLater() {
        Map<String, String> headers = headers(100, 0, 4_200);
        headers.put("X-Retry-After", "1");

        assertThat(RateLimitGate.retryAfter(new ApiResponse(429, headers, null)))
                .isEqualTo(Duration.ofMillis(4_200));
    }

    @Test
    void aLostAnswerOnlyFreesItsSlot() {
        gate.tryAcquire();
        gate.release(null);

        assertThat(gate.snapshot()).isEqualTo(new RateLimitGate.Snapshot(-1, 0, 0, 0, 0));
    }

    private static ApiResponse answer(int status, long quota, long left, long resetMs) {
        return new ApiResponse(status, headers(quota, left, resetMs), null);
    }

    private static Map<String, String> headers(long quota, long left, long resetMs) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Rate-Limit-Requests-Quota", Long.toString(quota));
        headers.put("X-Rate-Limit-Requests-Left", Long.toString(left));
        headers.put("X-Rate-Limit-Time-Reset-Ms", Long.toString(resetMs));
        headers.put("X-Rate-Limit-Time-Window-Ms", "30000");
        return headers;
    }
}
