package dev.storesync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §3's one-way dependencies, read from the sources' imports (and fully qualified names): routes and admin use
 * sync, reconcile, hooks and intake; those use queue and bigcommerce; queue and bigcommerce use nothing of ours but
 * config; the simulator shares no code with the client or the sync. And the client owns the API's paths: no other
 * package spells one.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/storesync");
    private static final Pattern OUR_PACKAGE = Pattern.compile("\\bdev\\.storesync\\.([a-z]+)\\.");
    private static final Pattern API_PATH = Pattern.compile("\"/(catalog|channels|hooks)\\b");

    /** Collaborators that several parts share: each is one bean, built by a {@code *Configuration} class. */
    private static final List<String> SHARED = List.of(
            "IdMap",
            "BrandResolver",
            "CategoryResolver",
            "StoreBTree",
            "AvailabilityRule",
            "ProductMatcher",
            "ProductPlanner",
            "ProductPipeline",
            "ProductWriter",
            "TaskQueue",
            "StoredSettings",
            "LazyTemplate");

    /** What each package may use besides itself; the root package (command line and wiring) may use everything. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("config", Set.of()),
            Map.entry("persistence", Set.of("config")),
            Map.entry("queue", Set.of("config")),
            Map.entry("bigcommerce", Set.of("config")),
            Map.entry("web", Set.of("config")),
            Map.entry("intake", Set.of("config", "persistence", "queue", "web")),
            Map.entry("hooks", Set.of("config", "persistence", "bigcommerce")),
            Map.entry("sync", Set.of("config", "persistence", "queue", "bigcommerce")),
            Map.entry("reconcile", Set.of("config", "persistence", "queue", "bigcommerce", "hooks", "sync")),
            Map.entry("health", Set.of("config", "persistence", "queue", "bigcommerce", "hooks")),
            Map.entry(
                    "admin",
                    Set.of(
                            "config",
                            "persistence",
                            "queue",
                            "bigcommerce",
                            "web",
                            "hooks",
                            "intake",
                            "sync",
                            "reconcile")),
            Map.entry("sandbox", Set.of("config", "queue")));

    @Test
    void dependenciesPointOneWay() {
        assertThat(violations(uses(SOURCES))).isEmpty();
    }

    @Test
    void theRuleCatchesWhatDesignForbids() {
        Map<String, Set<String>> forbidden = new TreeMap<>();
        forbidden.put("queue", Set.of("config", "sync"));
        forbidden.put("bigcommerce", Set.of("persistence"));
        forbidden.put("sandbox", Set.of("bigcommerce", "sync"));
        forbidden.put("newpackage", Set.of("config"));

        assertThat(violations(forbidden))
                .containsExactlyInAnyOrder(
                        "bigcommerce uses persistence",
                        "newpackage is not in the dependency table",
                        "queue uses sync",
                        "sandbox uses bigcommerce",
                        "sandbox uses sync");
    }

    @Test
    void onlyTheClientSpellsTheApisPaths() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = packageOf(file);
                if (pkg.equals("bigcommerce") || pkg.equals("sandbox")) {
                    continue;
                }
                found.addAll(apiPaths(SOURCES.relativize(file).toString(), Files.readString(file)));
            }
        }
        assertThat(found).isEmpty();
        assertThat(apiPaths("Example.java", "storeB.get(\"/catalog/products/\" + id);"))
                .as("the check itself")
                .containsExactly("Example.java: \"/catalog");
    }

    @Test
    void theSyncsCollaboratorsAreBuiltOnceInTheWiring() throws IOException {
        Pattern built = Pattern.compile("new (" + String.join("|", SHARED) + ")\\(");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.getFileName().toString().endsWith("Configuration.java")) {
                    continue;
                }
                Matcher matcher = built.matcher(Files.readString(file));
                while (matcher.find()) {
                    found.add(SOURCES.relativize(file) + ": " + matcher.group());
                }
            }
        }
        assertThat(found).as("built outside a *Configuration bean method").isEmpty();
    }

    static List<String> violations(Map<String, Set<String>> uses) {
        List<String> problems = new ArrayList<>();
        uses.forEach((pkg, used) -> {
            if (pkg.isEmpty()) {
                return;
            }
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                problems.add(pkg + " is not in the dependency table");
                return;
            }
            used.stream()
                    .filter(other -> !other.equals(pkg) && !allowed.contains(other))
                    .forEach(other -> problems.add(pkg + " uses " + other));
        });
        return problems;
    }

    /** Each top-level package (the root as "") and the packages of ours it refers to. */
    private static Map<String, Set<String>> uses(Path root) {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Set<String> used = uses.computeIfAbsent(packageOf(file), p -> new TreeSet<>());
                Matcher refs = OUR_PACKAGE.matcher(withoutComments(Files.readString(file)));
                while (refs.find()) {
                    used.add(refs.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("run from the project directory", e);
        }
        return uses;
    }

    private static String packageOf(Path file) {
        Path relative = SOURCES.relativize(file);
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    private static List<String> apiPaths(String file, String source) {
        List<String> found = new ArrayList<>();
        Matcher path = API_PATH.matcher(withoutComments(source));
        while (path.find()) {
            found.add(file + ": " + path.group());
        }
        return found;
    }

    /** Comments may name other packages and paths ({@code @link}s, examples); only code counts. */
    private static String withoutComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    }
}
