package dev.storesync.intake;

import java.util.Optional;

/**
 * A validated BigCommerce webhook, reduced to what storesync needs: which resource of Store A changed.
 *
 * @param createdAt seconds since the epoch, as BigCommerce sends it
 * @param dataJson the payload's {@code data} object, re-serialised from the validated tree, for the event log
 */
public record WebhookEvent(
        String scope,
        String hash,
        long createdAt,
        Optional<String> storeId,
        Optional<String> producer,
        String resourceType,
        long resourceId,
        String dataJson) {

    /**
     * The dedupe key. {@code hash} is the SHA-1 of {@code data}, which is the same for every update of one product, so
     * the delivery time tells updates apart; the scope tells "created" from "updated" sent in the same second.
     */
    public String eventId() {
        return scope + "|" + hash + "|" + createdAt;
    }
}
