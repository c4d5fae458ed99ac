package dev.storesync.intake;

import dev.storesync.persistence.Durability;
import dev.storesync.queue.ResourceKey;
import dev.storesync.queue.TaskQueue;
import dev.storesync.web.HttpProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The steps of the intake route: parse, store (the secret was checked from the headers before the body was read, by
 * the {@link dev.storesync.web.WebhookDoor}). Storing makes the resource's task due first and then
 * appends the event, so an event in the log always has its sync scheduled; the answer waits until both writes are
 * durable (G1). Webhooks that arrive together are stored together ({@link IntakeGroups}); a bad one is refused
 * before it joins a group.
 *
 * <p>An exact redelivery is stored once (G2) but still marks its task due. BigCommerce redelivers only what it thinks
 * was not received, and two real changes to one product within the same second are indistinguishable from a
 * redelivery (same scope, hash and created_at): one extra, usually no-op, sync is the price of never missing the
 * second change.
 */
public final class WebhookIntake {
    public static final String EXPECTED_SCOPE = "storesync.expectedScope";

    /** The original service's per-scope paths, kept for drop-in use: /webhooks/{family}/{action}. */
    private static final Map<String, String> LEGACY_PATHS = Map.of(
            "products/created", "store/product/created",
            "products/updated", "store/product/updated",
            "categories/created", "store/category/created",
            "categories/updated", "store/category/updated",
            "sku/created", "store/sku/created",
            "sku/updated", "store/sku/updated");

    private final WebhookParser parser;
    private final TaskQueue queue;
    private final IntakeGroups groups;
    private final Counter accepted;
    private final Counter duplicates;

    public WebhookIntake(
            WebhookParser parser,
            TaskQueue queue,
            WebhookEventLog events,
            Durability durability,
            Clock clock,
            MeterRegistry meters) {
        this.parser = parser;
        this.queue = queue;
        this.groups = new IntakeGroups(queue, events, durability, clock, meters);
        this.accepted = received(meters, "accepted");
        this.duplicates = received(meters, "duplicate");
    }

    private static Counter received(MeterRegistry meters, String outcome) {
        return Counter.builder("storesync_webhooks_received")
                .description("Webhooks stored (accepted) or recognised as redeliveries (duplicate)")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** Legacy paths carry their scope in the path; the payload must agree with it. */
    public void expectScopeFromPath(
            @Header("family") String family, @Header("action") String action, Exchange exchange) {
        String scope = LEGACY_PATHS.get(family + "/" + action);
        if (scope == null) {
            throw new HttpProblem(404, "not_found", "no webhook endpoint at this path; use POST /webhooks");
        }
        exchange.setProperty(EXPECTED_SCOPE, scope);
    }

    public WebhookEvent parse(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isJson(contentType)) {
            throw new HttpProblem(415, "unsupported_media_type", "Content-Type must be application/json");
        }
        WebhookEvent event = parser.parse(exchange.getMessage().getBody(byte[].class));
        String expected = exchange.getProperty(EXPECTED_SCOPE, String.class);
        if (expected != null && !expected.equals(event.scope())) {
            throw HttpProblem.badRequest("this path takes scope " + expected + ", the payload has " + event.scope());
        }
        return event;
    }

    public IntakeReceipt store(@Body WebhookEvent event) {
        ResourceKey key = new ResourceKey(queue.destination(), event.resourceType(), event.resourceId());
        boolean stored = groups.store(event, key);
        (stored ? accepted : duplicates).increment();
        return new IntakeReceipt(stored ? "accepted" : "duplicate", event.eventId(), key.taskId());
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json");
    }
}
