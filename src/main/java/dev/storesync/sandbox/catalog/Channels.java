package dev.storesync.sandbox.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.CatalogState.ChannelAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Channels, their product listings (cursor paging with {@code after}) and product channel assignments. Listing
 * changes fire nothing; an assignment fires {@code store/channel/{id}/product/assigned|unassigned}.
 */
public final class Channels {
    public static final long DEFAULT_CHANNEL = 1;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> CHANNEL_FILTERS =
            Set.of("include", "available", "status:in", "type:in", "platform:in", "page", "limit");
    private static final Set<String> LISTING_FILTERS = Set.of("limit", "after", "product_id:in");
    private static final Set<String> LISTING_STATES = Set.of(
            "active",
            "disabled",
            "error",
            "pending",
            "pending_disable",
            "pending_delete",
            "partially_rejected",
            "queued",
            "rejected",
            "submitted",
            "deleted");

    private final CatalogState state;

    Channels(CatalogState state) {
        this.state = state;
    }

    void ensureDefaultChannel() {
        synchronized (state.lock) {
            if (!state.channels.containsKey(DEFAULT_CHANNEL)) {
                ObjectNode channel = Schemas.CHANNEL.defaults();
                channel.put("id", DEFAULT_CHANNEL);
                channel.put("name", "Storefront " + state.storeHash);
                channel.put("date_created", state.now());
                state.touch(channel);
                state.channels.put(DEFAULT_CHANNEL, channel);
            }
        }
    }

    public ObjectNode create(JsonNode body) {
        synchronized (state.lock) {
            for (String required : List.of("name", "type", "platform")) {
                if (body == null || !body.path(required).isTextual()) {
                    throw ApiException.invalid(required, "is required");
                }
            }
            ObjectNode channel = Schemas.CHANNEL.defaults();
            Schemas.CHANNEL.apply(channel, body, Set.of("config_meta"));
            long id = state.nextId(CatalogState.Kind.CHANNEL);
            channel.put("id", id);
            channel.put("date_created", state.now());
            state.touch(channel);
            state.channels.put(id, channel);
            return channel.deepCopy();
        }
    }

    public ObjectNode update(long id, JsonNode body) {
        synchronized (state.lock) {
            ObjectNode channel = find(id);
            Schemas.CHANNEL.apply(channel, body, Set.of("config_meta"));
            state.touch(channel);
            return channel.deepCopy();
        }
    }

    public ObjectNode get(long id) {
        synchronized (state.lock) {
            return find(id).deepCopy();
        }
    }

    public Page<ObjectNode> list(ListQuery query) {
        Views.refuseUnknown(query, CHANNEL_FILTERS);
        synchronized (state.lock) {
            List<String> statuses = query.strings("status:in");
            List<String> types = query.strings("type:in");
            List<String> platforms = query.strings("platform:in");
            List<ObjectNode> matching = state.channels.values().stream()
                    .filter(c -> statuses.isEmpty()
                            || statuses.contains(c.path("status").asText()))
                    .filter(c ->
                            types.isEmpty() || types.contains(c.path("type").asText()))
                    .filter(c -> platforms.isEmpty()
                            || platforms.contains(c.path("platform").asText()))
                    .map(ObjectNode::deepCopy)
                    .toList();
            return Page.of(matching, query.page(), query.limit());
        }
    }

    /** A page of a channel's listings after the listing id {@code after}, in id order. */
    public record ListingPage(List<ObjectNode> listings, long total, int limit, boolean more) {}

    /**
     * channels.v3.yml, GET /channels/{channel_id}/listings: "if the Channel is not found or there is no listing
     * associated with the Channel, it will return a 200 response with empty data" — a mistyped channel id looks like a
     * channel where nothing is listed.
     */
    public ListingPage listings(long channelId, ListQuery query) {
        Views.refuseUnknown(query, LISTING_FILTERS);
        synchronized (state.lock) {
            long after = query.number("after").orElse(0L);
            int limit = query.limit();
            List<Long> products = query.ids("product_id:in");
            List<ObjectNode> all = state.listings.values().stream()
                    .filter(l -> l.path("channel_id").asLong() == channelId)
                    .filter(l -> products.isEmpty()
                            || products.contains(l.path("product_id").asLong()))
                    .toList();
            List<ObjectNode> rest = all.stream()
                    .filter(l -> l.path("listing_id").asLong() > after)
                    .toList();
            List<ObjectNode> page =
                    rest.stream().limit(limit).map(ObjectNode::deepCopy).toList();
            return new ListingPage(page, all.size(), limit, rest.size() > limit);
        }
    }

    public ObjectNode listing(long channelId, long listingId) {
        synchronized (state.lock) {
            ObjectNode listing = state.listings.get(listingId);
            if (listing == null || listing.path("channel_id").asLong() != channelId) {
                throw ApiException.notFound("listing");
            }
            return listing.deepCopy();
        }
    }

    /**
     * {@code POST /channels/{id}/listings}. The specs set no limit of one listing per product and channel, and
     * marketplace integrations do list one product more than once (an offer per account or region), each listing in
     * its own state.
     */
    public List<ObjectNode> createListings(long channelId, JsonNode items) {
        synchronized (state.lock) {
            find(channelId);
            List<JsonNode> list = array(items);
            for (JsonNode item : list) {
                checkListing(channelId, item);
            }
            List<ObjectNode> created = new ArrayList<>();
            for (JsonNode item : list) {
                ObjectNode listing = JSON.objectNode();
                listing.put("channel_id", channelId);
                listing.put("listing_id", state.nextId(CatalogState.Kind.LISTING));
                listing.put("date_created", state.now());
                write(listing, channelId, item);
                state.listings.put(listing.path("listing_id").asLong(), listing);
                created.add(listing.deepCopy());
            }
            return created;
        }
    }

    /** {@code PUT /channels/{id}/listings}: each item names its {@code listing_id}. */
    public List<ObjectNode> updateListings(long channelId, JsonNode items) {
        synchronized (state.lock) {
            find(channelId);
            List<JsonNode> list = array(items);
            for (JsonNode item : list) {
                listing(channelId, item.path("listing_id").asLong());
                checkListing(channelId, item);
            }
            List<ObjectNode> updated = new ArrayList<>();
            for (JsonNode item : list) {
                ObjectNode listing = state.listings.get(item.path("listing_id").asLong());
                write(listing, channelId, item);
                updated.add(listing.deepCopy());
            }
            return updated;
        }
    }

    public Page<ChannelAssignment> assignments(ListQuery query) {
        Views.refuseUnknown(query, Set.of("product_id:in", "channel_id:in", "page", "limit"));
        synchronized (state.lock) {
            List<Long> products = query.ids("product_id:in");
            List<Long> channels = query.ids("channel_id:in");
            List<ChannelAssignment> matching = state.assignments.stream()
                    .filter(a -> products.isEmpty() || products.contains(a.productId()))
                    .filter(a -> channels.isEmpty() || channels.contains(a.channelId()))
                    .toList();
            return Page.of(matching, query.page(), query.limit());
        }
    }

    /** {@code PUT /catalog/products/channel-assignments}: new assignments fire {@code .../assigned}. */
    public void assign(JsonNode items) {
        synchronized (state.lock) {
            List<ChannelAssignment> wanted = new ArrayList<>();
            for (JsonNode item : array(items)) {
                long productId = item.path("product_id").asLong();
                long channelId = item.path("channel_id").asLong();
                state.product(productId);
                find(channelId);
                wanted.add(new ChannelAssignment(productId, channelId));
            }
            for (ChannelAssignment assignment : wanted) {
                if (state.assignments.add(assignment)) {
                    state.fire("store/channel/" + assignment.channelId() + "/product/assigned", event(assignment));
                }
            }
        }
    }

    /** {@code DELETE /catalog/products/channel-assignments}: removed assignments fire {@code .../unassigned}. */
    public void unassign(List<Long> productIds, List<Long> channelIds) {
        if (productIds.isEmpty()) {
            throw ApiException.invalid("product_id:in", "is required");
        }
        synchronized (state.lock) {
            List<ChannelAssignment> removed = state.assignments.stream()
                    .filter(a -> productIds.contains(a.productId()))
                    .filter(a -> channelIds.isEmpty() || channelIds.contains(a.channelId()))
                    .toList();
            for (ChannelAssignment assignment : removed) {
                state.assignments.remove(assignment);
                state.fire("store/channel/" + assignment.channelId() + "/product/unassigned", event(assignment));
            }
        }
    }

    private void write(ObjectNode listing, long channelId, JsonNode item) {
        long productId = item.path("product_id").asLong();
        listing.put("product_id", productId);
        listing.put(
                "external_id",
                item.path("external_id").asText(listing.path("external_id").asText("")));
        listing.put("state", item.path("state").asText());
        listing.put(
                "name",
                item.path("name")
                        .asText(state.product(productId).product.path("name").asText()));
        listing.put(
                "description",
                item.path("description").asText(listing.path("description").asText("")));
        state.touch(listing);
        ArrayNode variants = JSON.arrayNode();
        for (JsonNode v : item.path("variants")) {
            ObjectNode variant = JSON.objectNode()
                    .put("channel_id", channelId)
                    .put("product_id", productId)
                    .put("variant_id", v.path("variant_id").asLong())
                    .put("external_id", v.path("external_id").asText(""))
                    .put("state", v.path("state").asText())
                    .put("name", v.path("name").asText(""))
                    .put("description", v.path("description").asText(""))
                    .put("date_created", listing.path("date_created").asText())
                    .put("date_modified", listing.path("date_modified").asText());
            variants.add(variant);
        }
        listing.set("variants", variants);
    }

    private void checkListing(long channelId, JsonNode item) {
        if (!item.path("product_id").isIntegralNumber()
                || !item.path("state").isTextual()
                || !item.path("variants").isArray()) {
            throw ApiException.invalid(
                    Map.of("product_id", "is required", "state", "is required", "variants", "are required"));
        }
        if (!LISTING_STATES.contains(item.path("state").asText())) {
            throw ApiException.invalid("state", "is not a listing state");
        }
        ProductRecord record = state.product(item.path("product_id").asLong());
        for (JsonNode v : item.path("variants")) {
            long variantId = v.path("variant_id").asLong();
            boolean known = record.variants.stream()
                    .anyMatch(variant -> variant.path("id").asLong() == variantId);
            if (!known || !v.path("state").isTextual()) {
                throw ApiException.invalid(
                        "variants", "variant " + variantId + " is not a variant of product " + record.id());
            }
        }
    }

    private static ObjectNode event(ChannelAssignment assignment) {
        return JSON.objectNode().put("product_id", assignment.productId()).put("channel_id", assignment.channelId());
    }

    private ObjectNode find(long id) {
        ObjectNode channel = state.channels.get(id);
        if (channel == null) {
            throw ApiException.notFound("channel");
        }
        return channel;
    }

    private static List<JsonNode> array(JsonNode items) {
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw ApiException.invalid("body", "must be a non-empty array");
        }
        List<JsonNode> list = new ArrayList<>();
        items.forEach(list::add);
        return list;
    }
}
