package dev.storesync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storesync.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JVM options the benchmark measures memory with are the ones the Dockerfile and the README recommend. */
class RecommendedJvmOptionsTest {
    @Test
    void theDockerImageRunsTheJarWithTheMeasuredOptions() throws Exception {
        String entrypoint = Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(line -> line.startsWith("ENTRYPOINT"))
                .findFirst()
                .orElseThrow();
        StringBuilder expected = new StringBuilder("ENTRYPOINT [\"java\", ");
        ServiceProcess.RECOMMENDED_JVM_OPTIONS.forEach(
                option -> expected.append('"').append(option).append("\", "));
        expected.append("\"-XX:SharedArchiveFile=/app/storesync.jsa\", \"-jar\", \"/app/storesync.jar\"]");
        assertThat(entrypoint).isEqualTo(expected.toString());
        assertThat(Files.readString(Path.of("Dockerfile")))
                .contains("MALLOC_ARENA_MAX=2")
                .as("the archive it maps is the one its build records")
                .contains("java -XX:ArchiveClassesAtExit=/app/storesync.jsa ");
    }

    @Test
    void theReadmeRecommendsThem() throws Exception {
        assertThat(Files.readString(Path.of("README.md")))
                .contains("MALLOC_ARENA_MAX=2 java " + String.join(" ", ServiceProcess.RECOMMENDED_JVM_OPTIONS)
                        + " -jar target/storesync.jar");
    }
}
