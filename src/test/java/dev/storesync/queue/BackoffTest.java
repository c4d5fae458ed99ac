package dev.storesync.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff =
            new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(10), new SplittableRandom(42));

    @Test
    void eachDelayLiesBetweenHalfAndAllOfTheExponentialCeiling() {
        for (int attempt = 1; attempt <= 30; attempt++) {
            long ceiling = Math.min(600_000, 2_000L << Math.min(attempt - 1, 20));
            for (int sample = 0; sample < 50; sample++) {
                long delay = backoff.delay(attempt, Duration.ZERO).toMillis();
                assertThat(delay).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void jitterSpreadsRetriesOut() {
        long first = backoff.delay(5, Duration.ZERO).toMillis();
        boolean differs = false;
        for (int sample = 0; sample < 20 && !differs; sample++) {
            differs = backoff.delay(5, Duration.ZERO).toMillis() != first;
        }
        assertThat(differs).isTrue();
    }

    @Test
    void aRateLimitResetIsAFloor() {
        assertThat(backoff.delay(1, Duration.ofSeconds(45))).isEqualTo(Duration.ofSeconds(45));
        assertThat(backoff.delay(1, Duration.ofMillis(10))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void hugeAttemptCountsStayCapped() {
        assertThat(backoff.delay(Integer.MAX_VALUE, Duration.ZERO)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }
}
