package dev.storesync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** application.properties, the README's configuration table and {@link Setting} name the same settings. */
class ConfigurationDocsTest {
    private static final String PROPERTIES = read("application.properties");
    private static final String README = read("README.md");

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everySettingIsInThePropertiesFileWithItsEnvOverrideAndAComment(Setting setting) {
        Pattern line = Pattern.compile(
                "(?m)^" + Pattern.quote(setting.property()) + " = \\{\\{env:" + setting.env() + ":[^}]*}}$");
        assertThat(line.matcher(PROPERTIES).find())
                .as("%s = {{env:%s:...}} in application.properties", setting.property(), setting.env())
                .isTrue();
        List<String> lines = PROPERTIES.lines().toList();
        int index = lines.indexOf(lines.stream()
                .filter(l -> l.startsWith(setting.property() + " ="))
                .findFirst()
                .orElseThrow());
        assertThat(lines.subList(Math.max(0, index - 3), index))
                .as("a comment above %s", setting.property())
                .anyMatch(l -> l.startsWith("# "));
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everySettingIsInTheReadmeTable(Setting setting) {
        assertThat(README.lines().filter(l -> l.startsWith("| ")))
                .as("a README table row naming %s", setting.env())
                .anyMatch(l -> l.contains("`" + setting.env() + "`"));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException("run from the project directory", e);
        }
    }
}
