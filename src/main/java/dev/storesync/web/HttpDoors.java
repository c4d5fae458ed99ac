package dev.storesync.web;

import dev.storesync.config.Settings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every request passes before a route sees it, one door per port, in the order they run:
 *
 * <ul>
 *   <li>business port, a POST to {@code /webhooks}: the secret ({@link WebhookDoor}), then what reading the body may
 *       cost ({@link RequestLimits});
 *   <li>business port, {@code /admin}: cross-site rules ({@link CrossSiteGuard}), credentials ({@link AdminGate}), then
 *       the request limits; every other path: the request limits;
 *   <li>management port: the liveness probe answers anyone (a container's health check carries no password); every
 *       other request passes the cross-site rules, Jolokia takes only reads over GET, then credentials.
 * </ul>
 *
 * <p>Camel offers one hook ahead of its routes' body handling, the authentication handlers of its HTTP servers; each
 * door is installed there for {@code /*} before the servers start, so no request ever reaches them unchecked. The
 * servers also get {@link ConnectionLimits}, through the Vert.x instance they share ({@link ServerVertx}).
 */
public final class HttpDoors {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDoors.class);
    static final String LIVENESS = "/observe/health/live";
    static final String JOLOKIA = "/observe/jolokia";
    private static final Set<String> JOLOKIA_READS = Set.of("", "read", "list", "search", "version");

    private HttpDoors() {}

    /** Call after Camel Main has created its HTTP servers and before the context starts. */
    public static void install(CamelContext context, Settings settings, WebhookDoor webhooks) {
        Optional<Settings.AdminCredentials> admin = settings.admin();
        AdminGate gate = new AdminGate(admin, new LoginThrottle(System::nanoTime));
        CrossSiteGuard crossSite = new CrossSiteGuard(admin.isPresent(), ownHosts(settings.http()));
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management != null) {
            guard(management.getConfiguration(), ctx -> {
                if (ctx.request().method() == HttpMethod.GET
                        && ctx.normalizedPath().equals(LIVENESS)) {
                    return true;
                }
                return crossSite.admit(ctx) && jolokiaReadsOnGet(ctx) && gate.admit(ctx);
            });
        }
        MainHttpServer business = context.hasService(MainHttpServer.class);
        if (business != null) {
            RequestLimits limits = new RequestLimits(business.getConfiguration().getMaxBodySize());
            guard(business.getConfiguration(), ctx -> {
                String path = ctx.normalizedPath();
                if (under(path, "/webhooks")
                        && CrossSiteGuard.changesState(ctx.request().method())) {
                    return webhooks.admit(ctx) && limits.admit(ctx);
                }
                if (under(path, "/admin")) {
                    return crossSite.admit(ctx) && gate.admit(ctx) && limits.admit(ctx);
                }
                return limits.admit(ctx);
            });
            openWithoutCredentials(business.getHost(), admin.isPresent()).ifPresent(LOG::warn);
        }
        shareTunedVertx(context);
        try {
            context.addStartupListener((started, alreadyStarted) -> LOG.info(listening(business, management)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen to the context's start", e);
        }
        if (admin.isEmpty()) {
            LOG.warn("ADMIN_USER and ADMIN_PASSWORD are not set: the management port and /admin answer on this machine"
                    + " only");
        }
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** Jolokia also runs operations over GET ({@code /exec/...}, or {@code ?p=/exec/...}); an image tag could. */
    private static boolean jolokiaReadsOnGet(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (ctx.request().method() != HttpMethod.GET || !under(path, JOLOKIA)) {
            return true;
        }
        String rest = Optional.ofNullable(ctx.request().getParam("p")).orElse(path.substring(JOLOKIA.length()));
        String type = rest.replaceFirst("^/+", "").split("/", 2)[0];
        if (JOLOKIA_READS.contains(type)) {
            return true;
        }
        Refusal.send(ctx.response(), 405, "method_not_allowed", "Jolokia takes only reads over GET; POST JSON");
        return false;
    }

    /** Where each port really listens: Camel's own summary says 0.0.0.0 for a server bound to loopback. */
    static String listening(MainHttpServer business, ManagementHttpServer management) {
        StringBuilder line = new StringBuilder("listening:");
        if (business != null) {
            line.append(" webhooks and /admin on ")
                    .append(address(business.getConfiguration().getBindHost(), business.getPort()));
        }
        if (management != null) {
            line.append(business == null ? "" : ";")
                    .append(" /observe (health, metrics, jolokia) on ")
                    .append(address(management.getConfiguration().getBindHost(), management.getPort()));
        }
        return line.toString();
    }

    private static String address(String host, int port) {
        String shown = host == null || host.equals("0.0.0.0") ? "every address" : host;
        return shown + " port " + port;
    }

    /**
     * Without credentials, "this machine only" trusts every process here, a reverse proxy or a sidecar included, and
     * through them every remote client.
     */
    static Optional<String> openWithoutCredentials(String host, boolean credentialsSet) {
        if (credentialsSet || AdminGate.loopback(host)) {
            return Optional.empty();
        }
        return Optional.of("PORT listens on " + (host == null || host.equals("0.0.0.0") ? "every address" : host)
                + " and ADMIN_USER is not set: /admin trusts every connection from this machine, so a reverse proxy"
                + " or sidecar on this host lets anyone in through it. Set ADMIN_USER and ADMIN_PASSWORD.");
    }

    private static Set<String> ownHosts(Settings.Http http) {
        return http.appUrl()
                .map(URI::getHost)
                .map(CrossSiteGuard::hostName)
                .map(Set::of)
                .orElse(Set.of());
    }

    private static void guard(VertxPlatformHttpServerConfiguration server, Check door) {
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider>
                    io.vertx.ext.web.handler.AuthenticationHandler createAuthenticationHandler(T provider) {
                return ctx -> {
                    if (door.admit(ctx)) {
                        ctx.next();
                    }
                };
            }
        });
        server.getAuthenticationConfig().getEntries().add(entry);
        server.getAuthenticationConfig().setEnabled(true);
    }

    /**
     * Both servers take the one Vert.x instance of the registry; this one builds their servers with
     * {@link ConnectionLimits}. The servers leave a Vert.x they did not create running, so it is closed once the
     * context has stopped.
     */
    private static void shareTunedVertx(CamelContext context) {
        Vertx real = Vertx.vertx();
        ConnectionLimits limits = new ConnectionLimits();
        context.getRegistry()
                .bind(
                        "storesyncVertx",
                        Vertx.class,
                        ServerVertx.wrap(real, limits::apply, limits::apply, ConnectionLimits::apply));
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                real.close();
            }
        });
    }
}
