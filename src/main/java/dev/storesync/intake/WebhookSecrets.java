package dev.storesync.intake;

import dev.storesync.config.Secret;
import dev.storesync.persistence.StoredSettings;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret Store A's hooks carry in {@code X-Webhook-Secret}: {@code WEBHOOK_SECRET} when set, otherwise one
 * generated at the first start and kept in the database, so that it survives restarts and is shared by all instances.
 */
public final class WebhookSecrets {
    static final String KEY = "webhook-secret";

    private WebhookSecrets() {}

    public record Resolved(Secret secret, String origin) {}

    public static Resolved resolve(Optional<Secret> configured, StoredSettings stored) {
        if (configured.isPresent()) {
            return new Resolved(configured.get(), "WEBHOOK_SECRET");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Resolved(Secret.of(stored.putIfAbsent(KEY, generated)), "generated, kept in MongoDB settings");
    }
}
