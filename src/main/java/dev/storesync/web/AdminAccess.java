package dev.storesync.web;

import dev.storesync.config.Settings;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts {@link AdminGate} in front of the whole management port and of {@code /admin} on the business port. It is
 * installed into the servers' configuration before they start, so no request ever reaches them ungated. Webhooks keep
 * their own secret.
 */
public final class AdminAccess {
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccess.class);

    private AdminAccess() {}

    /** Call after Camel Main has created its HTTP servers and before the context starts. */
    public static void install(CamelContext context, Optional<Settings.AdminCredentials> admin) {
        AdminGate gate = new AdminGate(admin);
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management != null) {
            guard(management.getConfiguration(), List.of("/*"), gate);
        }
        MainHttpServer business = context.hasService(MainHttpServer.class);
        if (business != null) {
            guard(business.getConfiguration(), List.of("/admin", "/admin/*"), gate);
        }
        if (admin.isEmpty()) {
            LOG.warn("ADMIN_USER and ADMIN_PASSWORD are not set: the management port and /admin answer on this machine"
                    + " only");
        }
    }

    private static void guard(VertxPlatformHttpServerConfiguration server, List<String> paths, AdminGate gate) {
        AuthenticationConfig auth = server.getAuthenticationConfig();
        for (String path : paths) {
            AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
            entry.setPath(path);
            entry.setAuthenticationProviderFactory(vertx -> null);
            entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
                @Override
                public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider>
                        io.vertx.ext.web.handler.AuthenticationHandler createAuthenticationHandler(T provider) {
                    return gate;
                }
            });
            auth.getEntries().add(entry);
        }
        auth.setEnabled(true);
    }
}
