package dev.storesync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README and the Docker image run the jar with the options of {@code jvm.options} (the ones the benchmarks measure
 * memory with) and a class data archive recorded for that jar. That the JVM takes them and maps the build's archive:
 * {@code StartupIT}.
 */
class RecommendedJvmOptionsTest {
    @Test
    void theDockerImageRunsTheJarWithTheOptionsFileAndTheArchiveItsBuildRecords() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String entrypoint = dockerfile
                .lines()
                .filter(line -> line.startsWith("ENTRYPOINT"))
                .findFirst()
                .orElseThrow();
        assertThat(entrypoint)
                .isEqualTo("ENTRYPOINT [\"java\", \"@/app/jvm.options\", \"-XX:SharedArchiveFile=/app/storesync.jsa\","
                        + " \"-jar\", \"/app/storesync.jar\"]");
        assertThat(dockerfile)
                .containsPattern("COPY [^\\n]*jvm\\.options \\./\\n")
                .contains("MALLOC_ARENA_MAX=2")
                .as("the archive it maps is the one its build records, with the same options")
                .contains("java -XX:ArchiveClassesAtExit=/app/storesync.jsa @/app/jvm.options -jar /app/storesync.jar");
    }

    @Test
    void theReadmeRunsTheJarWithTheOptionsFileAndTheArchiveTheBuildRecords() throws Exception {
        assertThat(Files.readString(Path.of("README.md")))
                .contains("MALLOC_ARENA_MAX=2 java @jvm.options -XX:SharedArchiveFile=target/storesync.jsa"
                        + " -jar target/storesync.jar");
        assertThat(Files.readString(Path.of("pom.xml")))
                .contains("<argument>-XX:ArchiveClassesAtExit=${project.build.directory}/storesync.jsa</argument>")
                .contains("<argument>@${project.basedir}/jvm.options</argument>");
    }
}
