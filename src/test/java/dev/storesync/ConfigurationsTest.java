package dev.storesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The service names its configuration classes and the routes inside its jar instead of scanning for them at every
 * start (about a second each): a new one must be added to {@link StoresyncApplication#CONFIGURATIONS} or
 * {@link StoresyncApplication#PACKAGED_ROUTES}, or it would never run.
 */
class ConfigurationsTest {
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyConfigurationClassIsNamed() throws IOException {
        List<String> declared;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            declared = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(ConfigurationsTest::isConfiguration)
                    .map(f -> SOURCES.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", ""))
                    .toList();
        }
        assertThat(declared).as("@Configuration classes in the sources").isNotEmpty();
        assertThat(StoresyncApplication.CONFIGURATIONS.stream().map(Class::getName))
                .containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void theJarsRoutesAreNamedOneByOne() throws IOException {
        List<String> files;
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            files = routes.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".camel.yaml"))
                    .map(name -> name.replace(".camel.yaml", ""))
                    .toList();
        }
        assertThat(StoresyncApplication.PACKAGED_ROUTES).containsExactlyInAnyOrderElementsOf(files);
        for (String route : StoresyncApplication.packagedRoutes().split(",")) {
            assertThat(getClass().getResource("/" + route.substring("classpath:".length())))
                    .as(route)
                    .isNotNull();
        }
    }

    private static boolean isConfiguration(Path source) {
        try {
            return Files.readAllLines(source).stream().anyMatch(line -> line.equals("@Configuration"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
