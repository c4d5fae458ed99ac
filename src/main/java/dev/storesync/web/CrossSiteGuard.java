package dev.storesync.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages an operator visits from using the operator's browser against {@code /admin} and the management port.
 *
 * <ul>
 *   <li>A request a browser marks as coming from another site ({@code Sec-Fetch-Site}), or whose {@code Origin} is
 *       not this service's, is refused: it can only be a page elsewhere, riding on cached credentials.
 *   <li>A state-changing request must say its body is JSON. A page elsewhere can send a form or {@code text/plain}
 *       without asking, but not JSON: for that the browser asks this service first (CORS), and is never told yes.
 *   <li>Without credentials, only this machine gets in; a page that rebinds its own name to 127.0.0.1 would then be
 *       "this machine", so the {@code Host} must be a loopback name or one of the service's own names (APP_URL).
 * </ul>
 */
final class CrossSiteGuard implements Check {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Set<String> JSON = Set.of("application/json", "text/json");

    private final boolean credentialsSet;
    private final Set<String> ownHosts;

    /** @param ownHosts host names this service answers to besides loopback (APP_URL's), lower case */
    CrossSiteGuard(boolean credentialsSet, Set<String> ownHosts) {
        this.credentialsSet = credentialsSet;
        this.ownHosts = ownHosts;
    }

    @Override
    public boolean admit(RoutingContext ctx) {
        String site = ctx.request().getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return refuse(ctx, "a request from another site is refused");
        }
        String origin = ctx.request().getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !sameOrigin(origin, ctx)) {
            return refuse(ctx, "a request from another origin is refused");
        }
        if (!credentialsSet && !ownHost(requestHost(ctx))) {
            return refuse(
                    ctx, "without ADMIN_USER and ADMIN_PASSWORD this answers to localhost and APP_URL's host only");
        }
        if (changesState(ctx.request().method()) && !isJson(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            Refusal.send(ctx.response(), 415, "unsupported_media_type", "Content-Type must be application/json");
            return false;
        }
        return true;
    }

    static boolean changesState(HttpMethod method) {
        return !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
    }

    private boolean sameOrigin(String origin, RoutingContext ctx) {
        String originHost;
        try {
            URI uri = URI.create(origin);
            originHost = uri.getHost() == null ? null : uri.getAuthority().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (originHost == null) {
            // "null": a sandboxed frame or a file, never this service's own page
            return false;
        }
        return originHost.equals(requestAuthority(ctx)) || ownHosts.contains(hostName(originHost));
    }

    private boolean ownHost(String host) {
        return host != null && (LOOPBACK_NAMES.contains(host) || ownHosts.contains(host));
    }

    /** The name of a Host header or authority without its port, lower case. */
    static String hostName(String authority) {
        if (authority == null || authority.isBlank()) {
            return null;
        }
        String host = authority.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? null : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        return JSON.contains(contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    }

    /** Host for HTTP/1.1, :authority for HTTP/2. */
    private static String requestAuthority(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        if (authority == null) {
            return null;
        }
        String host = authority.host().toLowerCase(Locale.ROOT);
        return authority.port() < 0 ? host : host + ":" + authority.port();
    }

    private static String requestHost(RoutingContext ctx) {
        return hostName(requestAuthority(ctx));
    }

    private static boolean refuse(RoutingContext ctx, String message) {
        Refusal.send(ctx.response(), 403, "cross_site_refused", message);
        return false;
    }
}
