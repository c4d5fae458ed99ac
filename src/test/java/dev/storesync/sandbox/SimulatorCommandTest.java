package dev.storesync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimulatorCommandTest {
    @Test
    void parsesItsOptions() {
        SimulatorCommand.Options options = SimulatorCommand.Options.parse(new String[] {
            "--port",
            "9000",
            "--store-hash",
            "abc",
            "--token",
            "t",
            "--seed-products",
            "25",
            "--quota",
            "150",
            "--window-ms",
            "30000",
            "--latency-ms",
            "100",
            "--request-log",
            "log.jsonl"
        });

        assertThat(options.port()).isEqualTo(9000);
        assertThat(options.hash()).isEqualTo("abc");
        assertThat(options.seedProducts()).isEqualTo(25);
        assertThat(options.quota()).isEqualTo(150);
        assertThat(options.latencyMs()).isEqualTo(100);
        assertThat(options.requestLog()).isEqualTo(Path.of("log.jsonl"));
        assertThat(SimulatorCommand.Options.parse(new String[0]).host()).isEqualTo("127.0.0.1");
    }

    @Test
    void refusesUnknownOrIncompleteOptions() {
        assertThatThrownBy(() -> SimulatorCommand.Options.parse(new String[] {"--colour", "red"}))
                .hasMessageContaining("--colour");
        assertThatThrownBy(() -> SimulatorCommand.Options.parse(new String[] {"--port"}))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> SimulatorCommand.Options.parse(new String[] {"--port", "eighty"}))
                .hasMessageContaining("whole number");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulatorCommand.run(
                new String[] {"--nope", "x"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("usage: simulator");
    }
}
