package dev.storesync;

import dev.storesync.config.InvalidSettingsException;
import dev.storesync.intake.IntakeConfiguration;
import dev.storesync.reconcile.ReconcileConfiguration;
import dev.storesync.sandbox.DemoMode;
import dev.storesync.sandbox.SimulatorCommand;
import dev.storesync.sync.SyncConfiguration;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.main.Main;
import org.apache.camel.support.ObjectHelper;

/**
 * The command line: {@code java -jar storesync.jar [--demo | simulator ...]}. Without arguments it runs the service
 * with the settings of {@code application.properties} and the environment.
 */
public final class StoresyncApplication {
    static final int EXIT_USAGE = 2;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_FAILED = 1;

    /** The route files of {@code routes/}, which the build also packs into the jar. */
    static final List<String> PACKAGED_ROUTES = List.of(
            "admin", "cleanup", "error-handling", "hooks", "intake", "reconcile", "sync-pipeline", "sync-queue");

    /** Everything the service binds and configures, in the order it is set up. */
    static final List<Class<? extends CamelConfiguration>> CONFIGURATIONS = List.of(
            StoresyncConfiguration.class,
            StoresConfiguration.class,
            QueueConfiguration.class,
            IntakeConfiguration.class,
            SyncConfiguration.class,
            ReconcileConfiguration.class,
            OperationsConfiguration.class);

    private StoresyncApplication() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "" -> {
                return runService(err);
            }
            case "--demo" -> {
                return DemoMode.run(Arrays.copyOfRange(args, 1, args.length), StoresyncApplication::newMain, out, err);
            }
            case "simulator" -> {
                return SimulatorCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            }
            case "--help", "-h", "help" -> {
                out.println(usage());
                return 0;
            }
            default -> {
                err.println("storesync: unknown argument '" + command + "'\n" + usage());
                return EXIT_USAGE;
            }
        }
    }

    private static int runService(PrintStream err) {
        Main main = newMain(Map.of());
        try {
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            return reportStartupFailure(e, err);
        }
    }

    /**
     * The Camel Main that runs storesync, configured as the jar runs it: settings from {@code ./application.properties}
     * (falling back to the copy inside the jar) and routes from {@code ./routes} (likewise), so an integration team can
     * edit both next to the jar. Tests start the same Main with {@code overrides}.
     */
    public static Main newMain(Map<String, String> overrides) {
        // Jolokia's error answers would otherwise carry stack traces (and serialized exceptions) whenever the caller
        // asks with includeStackTrace/serializeException. Camel's Jolokia plugin builds its Jolokia configuration
        // itself and offers no option for this; Jolokia reads jolokia.* system properties into it, and this one
        // wins over anything a request asks for. Set here, before the management server creates the plugin.
        System.setProperty("jolokia.allowErrorDetails", "false");
        // the configuration classes by name: scanning the package for them loaded every class of it at each start
        Main main = new Main();
        // as instances: classes named here would be replaced by a camel.main.configurationClasses setting, with which
        // tests add fixtures of their own
        CONFIGURATIONS.forEach(type -> main.configure().addConfiguration(ObjectHelper.newInstance(type)));
        main.addMainListener(new ValidateSettingsFirst());
        if (Files.isRegularFile(Path.of("application.properties"))) {
            main.setPropertyPlaceholderLocations("file:application.properties");
        }
        if (!hasRouteFiles(Path.of("routes"))) {
            main.addOverrideProperty("camel.main.routesIncludePattern", packagedRoutes());
        }
        overrides.forEach(main::addOverrideProperty);
        return main;
    }

    /**
     * The copies inside the jar, each by name: a pattern ({@code classpath:routes/*.camel.yaml}) made Camel read
     * every entry of the jar at each start (1.6 s of about 5).
     */
    static String packagedRoutes() {
        return PACKAGED_ROUTES.stream()
                .map(name -> "classpath:routes/" + name + ".camel.yaml")
                .collect(Collectors.joining(","));
    }

    private static boolean hasRouteFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".camel.yaml"));
        } catch (IOException e) {
            return false;
        }
    }

    /** One line, no stack trace: the operator needs to know which setting to fix, not where Camel noticed. */
    static int reportStartupFailure(Throwable failure, PrintStream err) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingsException invalid) {
                err.println("storesync: " + invalid.getMessage());
                return EXIT_CONFIG;
            }
        }
        err.println("storesync: cannot start: " + describe(firstOutsideCamel(failure)));
        return EXIT_FAILED;
    }

    /** Camel wraps start-up failures; the message worth showing is the first one it did not write. */
    private static Throwable firstOutsideCamel(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!t.getClass().getName().startsWith("org.apache.camel.")) {
                return t;
            }
        }
        return failure;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String usage() {
        return String.join(
                "\n",
                "usage: java -jar storesync.jar              run the service (settings: application.properties, env)",
                "       java -jar storesync.jar --demo       embedded database, two simulated stores, live sync",
                "                                            (--products N, --stay keeps it running)",
                "       java -jar storesync.jar simulator    one simulated BigCommerce store");
    }
}
