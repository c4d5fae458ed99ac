package dev.storesync.web;

import dev.storesync.config.Settings;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Guards the management port and {@code /admin}. With ADMIN_USER and ADMIN_PASSWORD, HTTP Basic with those (compared in
 * constant time), 401 otherwise. Without them, only clients on this machine get in (403 otherwise): the management
 * port then listens on loopback anyway, but {@code /admin} shares the public port with the webhooks.
 */
final class AdminGate implements Check {
    static final String REALM = "storesync";

    private final Optional<Settings.AdminCredentials> admin;
    private final LoginThrottle throttle;

    AdminGate(Optional<Settings.AdminCredentials> admin, LoginThrottle throttle) {
        this.admin = admin;
        this.throttle = throttle;
    }

    @Override
    public boolean admit(RoutingContext ctx) {
        if (admin.isEmpty()) {
            if (fromLoopback(ctx)) {
                return true;
            }
            refuse(ctx, 403, "forbidden", "without ADMIN_USER and ADMIN_PASSWORD this answers on this machine only");
            return false;
        }
        String address = address(ctx);
        Duration wait = throttle.wait(address);
        if (!wait.isZero()) {
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            refuse(ctx, 429, "too_many_failed_logins", "too many wrong credentials from this address; retry later");
            return false;
        }
        if (authorized(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            throttle.succeeded(address);
            return true;
        } else {
            if (ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null) {
                // a browser's first request carries no credentials; only a wrong guess counts
                throttle.failed(address);
            }
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            refuse(ctx, 401, "unauthorized", "ADMIN_USER and ADMIN_PASSWORD are required");
            return false;
        }
    }

    private static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        Settings.AdminCredentials credentials = admin.orElseThrow();
        boolean user = MessageDigest.isEqual(
                decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8),
                credentials.user().getBytes(StandardCharsets.UTF_8));
        boolean password = credentials.password().matches(decoded.substring(colon + 1));
        return user & password;
    }

    private static boolean fromLoopback(RoutingContext ctx) {
        return ctx.request().remoteAddress() != null
                && loopback(ctx.request().remoteAddress().hostAddress());
    }

    /** Whether an IP address (as text, never a name to resolve) is this machine's loopback. */
    static boolean loopback(String hostAddress) {
        if (hostAddress == null || !hostAddress.matches("[0-9a-fA-F:.%]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(hostAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext ctx, int status, String error, String message) {
        Refusal.send(ctx.response(), status, error, message);
    }
}
