package dev.storesync.web;

import dev.storesync.config.Secret;
import dev.storesync.config.Settings;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks a webhook's secret from its headers, before a byte of its body is read: a sender without the secret costs a
 * header parse, never a megabyte of heap. The secret is taken from the {@value #SECRET_HEADER} header only; one given in
 * the URL, where proxies and access logs keep it, is refused even when it is right.
 *
 * <p>The intake opens the door with the secret once it has one (it may be generated and stored on first start); until
 * then webhooks are answered 503, retry later.
 */
public final class WebhookDoor implements Check {
    public static final String SECRET_HEADER = Settings.WEBHOOK_SECRET_HEADER;

    private volatile Secret secret;

    public void open(Secret secret) {
        this.secret = secret;
    }

    @Override
    public boolean admit(RoutingContext ctx) {
        if (ctx.queryParams().names().stream().anyMatch(SECRET_HEADER::equalsIgnoreCase)) {
            Refusal.sendAndClose(
                    ctx,
                    400,
                    "secret_in_url",
                    "the secret is accepted in the " + SECRET_HEADER + " header only, never in the URL");
            return false;
        }
        String given = ctx.request().getHeader(SECRET_HEADER);
        if (given == null || given.isEmpty()) {
            Refusal.sendAndClose(ctx, 401, "unauthorized", "the " + SECRET_HEADER + " header is missing");
            return false;
        }
        Secret expected = secret;
        if (expected == null) {
            ctx.response().putHeader("Retry-After", "5");
            Refusal.sendAndClose(ctx, 503, "unavailable", "storesync is not taking webhooks yet; retry later");
            return false;
        }
        if (!expected.matches(given)) {
            Refusal.sendAndClose(ctx, 401, "unauthorized", "the " + SECRET_HEADER + " header is wrong");
            return false;
        }
        return true;
    }
}
