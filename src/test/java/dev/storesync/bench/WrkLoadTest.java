package dev.storesync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the benchmark reads from wrk's output (the lines {@code bench/webhooks.lua} prints at the end of a run). */
class WrkLoadTest {
    /** Latency at each tenth of a percent: 1,000 µs up to the median, then rising to 90,000 µs at the maximum. */
    private static final String LATENCY = "storesync-wrk-latency "
            + IntStream.rangeClosed(0, 1000)
                    .mapToObj(tenth -> Integer.toString(tenth <= 500 ? 1000 : 1000 + (tenth - 500) * 178))
                    .collect(Collectors.joining(" "));

    @Test
    void readsCountsAndPercentilesAndLeavesRefusedWebhooksOutOfTheRate() {
        String output = "Running 10s test @ http://127.0.0.1:1/webhooks\n"
                + "storesync-wrk requests=30500 duration_us=10000000 status_errors=500 other_errors=2 exhausted=0\n"
                + LATENCY + "\n";

        WebhookLoad.Result result = WrkLoad.parse(16, output);

        assertThat(result.ok()).isEqualTo(30_000);
        assertThat(result.failed()).isEqualTo(502);
        assertThat(result.elapsed()).isEqualTo(Duration.ofSeconds(10));
        assertThat(result.perSecond()).isEqualTo(3_000.0);
        assertThat(result.latencyMicros().percentile(50)).isEqualTo(1_000);
        assertThat(result.latencyMicros().percentile(99)).isEqualTo(1_000 + 490 * 178);
        assertThat(result.latencyMicros().percentile(99.9)).isEqualTo(1_000 + 499 * 178);
        assertThat(result.latencyMicros().percentile(100)).isEqualTo(1_000 + 500 * 178);
    }

    @Test
    void aRunThatRanOutOfNewBodiesFailsRatherThanCountDuplicates() {
        String output = "storesync-wrk requests=30500 duration_us=10000000 status_errors=0 other_errors=0 exhausted=7\n"
                + LATENCY + "\n";

        assertThatThrownBy(() -> WrkLoad.parse(16, output))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("7 webhooks more than it had bodies for");
    }

    @Test
    void outputWithoutTheScriptsLinesIsAnError() {
        assertThatThrownBy(() -> WrkLoad.parse(16, "unable to connect to 127.0.0.1:1 Connection refused\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Connection refused");
    }
}
