package dev.storesync.sandbox.http;

import static dev.storesync.sandbox.http.Envelopes.list;
import static dev.storesync.sandbox.http.Envelopes.page;
import static dev.storesync.sandbox.http.Envelopes.partly;
import static dev.storesync.sandbox.http.Envelopes.single;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.ApiException;
import dev.storesync.sandbox.catalog.Catalog;
import dev.storesync.sandbox.catalog.Channels;
import dev.storesync.sandbox.catalog.ListQuery;
import dev.storesync.sandbox.catalog.Page;
import dev.storesync.sandbox.catalog.ProductParts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations the simulator serves, under {@code /stores/{hash}/v3}, each bound to the catalog. Path parameters
 * are numeric ids; a path that matches no template is a 404, a known path with another method a 405.
 */
final class ApiRoutes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @FunctionalInterface
    interface Handler {
        Answer handle(ApiCall call);
    }

    /**
     * How a route's errors are shaped: most operations answer {@code {status, title, type, errors}}; the category
     * trees batch operations wrap that in {@code {errors: {...}, meta: {total, success, failed}}}; the variants batch
     * lists it in {@code batch_errors} (product-variants_catalog.v3.yml, PUT /catalog/variants, 422).
     */
    enum ErrorStyle {
        PLAIN,
        WRAPPED,
        BATCH
    }

    /** A route: its method, its path template (which names the operation in logs and counters) and its handler. */
    record Route(String method, String template, Pattern pattern, ErrorStyle errors, Handler handler) {
        String operation() {
            return method + " " + template;
        }
    }

    /** A request matched to a route, with the ids from its path. */
    record Match(Route route, long[] ids) {}

    private final List<Route> routes = new ArrayList<>();

    ApiRoutes(Catalog catalog) {
        products(catalog);
        variantsAndOptions(catalog);
        productParts(catalog);
        categories(catalog);
        brands(catalog);
        channels(catalog);
        hooks(catalog);
    }

    /** The route for a request; empty when none matches. */
    Optional<Match> match(String method, String path) {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(path);
            if (route.method().equals(method) && matcher.matches()) {
                long[] ids = new long[matcher.groupCount()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = Long.parseLong(matcher.group(i + 1));
                }
                return Optional.of(new Match(route, ids));
            }
        }
        return Optional.empty();
    }

    /** Whether some route serves this path with another method. */
    boolean knowsPath(String path) {
        return routes.stream().anyMatch(r -> r.pattern().matcher(path).matches());
    }

    private void add(String method, String template, Handler handler) {
        add(method, template, ErrorStyle.PLAIN, handler);
    }

    private void add(String method, String template, ErrorStyle errors, Handler handler) {
        String regex = template.replaceAll("\\{[a-z_]+}", "(\\\\d{1,18})");
        routes.add(new Route(method, template, Pattern.compile(regex), errors, handler));
    }

    private void products(Catalog c) {
        add("GET", "/catalog/products", call -> page(c.products.list(call.query())));
        add("POST", "/catalog/products", call -> {
            Map<String, String> refused = new LinkedHashMap<>();
            long id = c.products.create(call.body(), refused).path("id").asLong();
            // products_catalog.v3.yml, createProduct: the 200's data is the product, the 207's an array of it
            return refused.isEmpty()
                    ? single(c.products.get(id, call.query()))
                    : partly(list(List.of(c.products.get(id, call.query()))), refused);
        });
        add("PUT", "/catalog/products", call -> {
            Map<String, String> refused = new LinkedHashMap<>();
            return partly(list(c.products.updateBatch(call.body(), refused)), refused);
        });
        add("DELETE", "/catalog/products", call -> {
            c.products.deleteMany(call.query().ids("id:in"));
            return Answer.noContent();
        });
        add("GET", "/catalog/products/{product_id}", call -> single(c.products.get(call.id(0), call.query())));
        add("PUT", "/catalog/products/{product_id}", call -> {
            Map<String, String> refused = new LinkedHashMap<>();
            c.products.update(call.id(0), call.body(), refused);
            return partly(single(c.products.get(call.id(0), call.query())), refused);
        });
        add("DELETE", "/catalog/products/{product_id}", call -> {
            c.products.delete(call.id(0));
            return Answer.noContent();
        });
    }

    private void variantsAndOptions(Catalog c) {
        String variants = "/catalog/products/{product_id}/variants";
        add("GET", variants, call -> page(c.variants.list(call.id(0), call.query())));
        add("POST", variants, call -> single(c.variants.create(call.id(0), call.body())));
        add("GET", variants + "/{variant_id}", call -> single(c.variants.get(call.id(0), call.id(1), call.query())));
        add("PUT", variants + "/{variant_id}", call -> single(c.variants.update(call.id(0), call.id(1), call.body())));
        add("DELETE", variants + "/{variant_id}", call -> {
            c.variants.delete(call.id(0), call.id(1));
            return Answer.noContent();
        });
        add("GET", "/catalog/variants", call -> page(c.variants.listAll(call.query())));
        add("PUT", "/catalog/variants", ErrorStyle.BATCH, call -> list(c.variants.updateBatch(call.body())));

        String options = "/catalog/products/{product_id}/options";
        add("GET", options, call -> page(c.options.list(call.id(0), call.query())));
        add("POST", options, call -> single(c.options.create(call.id(0), call.body())));
        add("GET", options + "/{option_id}", call -> single(c.options.get(call.id(0), call.id(1), call.query())));
        add("PUT", options + "/{option_id}", call -> single(c.options.update(call.id(0), call.id(1), call.body())));
        add("DELETE", options + "/{option_id}", call -> {
            c.options.delete(call.id(0), call.id(1));
            return Answer.noContent();
        });
        String values = options + "/{option_id}/values";
        add("GET", values, call -> page(c.options.listValues(call.id(0), call.id(1), call.query())));
        add("POST", values, call -> single(c.options.createValue(call.id(0), call.id(1), call.body())));
        add(
                "GET",
                values + "/{value_id}",
                call -> single(c.options.getValue(call.id(0), call.id(1), call.id(2), call.query())));
        add(
                "PUT",
                values + "/{value_id}",
                call -> single(c.options.updateValue(call.id(0), call.id(1), call.id(2), call.body())));
        add("DELETE", values + "/{value_id}", call -> {
            c.options.deleteValue(call.id(0), call.id(1), call.id(2));
            return Answer.noContent();
        });
    }

    private void parts(ProductParts parts, String path) {
        add("GET", path, call -> page(parts.list(call.id(0), call.query())));
        add("POST", path, call -> single(parts.create(call.id(0), call.body())));
        add("GET", path + "/{id}", call -> single(parts.get(call.id(0), call.id(1), call.query())));
        add("PUT", path + "/{id}", call -> single(parts.update(call.id(0), call.id(1), call.body())));
        add("DELETE", path + "/{id}", call -> {
            parts.delete(call.id(0), call.id(1));
            return Answer.noContent();
        });
    }

    private void productParts(Catalog c) {
        String images = "/catalog/products/{product_id}/images";
        add("GET", images, call -> page(c.images.list(call.id(0), call.query())));
        add("POST", images, call -> single(c.images.create(call.id(0), call.body())));
        add("GET", images + "/{image_id}", call -> single(c.images.get(call.id(0), call.id(1), call.query())));
        add("PUT", images + "/{image_id}", call -> single(c.images.update(call.id(0), call.id(1), call.body())));
        add("DELETE", images + "/{image_id}", call -> {
            c.images.delete(call.id(0), call.id(1));
            return Answer.noContent();
        });

        parts(c.bulkPricingRules, "/catalog/products/{product_id}/bulk-pricing-rules");
        parts(c.videos, "/catalog/products/{product_id}/videos");

        String fields = "/catalog/products/{product_id}/custom-fields";
        add("GET", fields, call -> page(c.customFields.list(call.id(0), call.query())));
        add("POST", fields, call -> single(c.customFields.create(call.id(0), call.body())));
        add(
                "GET",
                fields + "/{custom_field_id}",
                call -> single(c.customFields.get(call.id(0), call.id(1), call.query())));
        add(
                "PUT",
                fields + "/{custom_field_id}",
                call -> single(c.customFields.update(call.id(0), call.id(1), call.body())));
        add("DELETE", fields + "/{custom_field_id}", call -> {
            c.customFields.delete(call.id(0), call.id(1));
            return Answer.noContent();
        });

        String metafields = "/catalog/products/{product_id}/metafields";
        add("GET", metafields, call -> page(c.metafields.list(call.id(0), call.query())));
        add("POST", metafields, call -> single(c.metafields.create(call.id(0), call.body())));
        add(
                "GET",
                metafields + "/{metafield_id}",
                call -> single(c.metafields.get(call.id(0), call.id(1), call.query())));
        add(
                "PUT",
                metafields + "/{metafield_id}",
                call -> single(c.metafields.update(call.id(0), call.id(1), call.body())));
        add("DELETE", metafields + "/{metafield_id}", call -> {
            c.metafields.delete(call.id(0), call.id(1));
            return Answer.noContent();
        });

        String assignments = "/catalog/products/channel-assignments";
        add(
                "GET",
                assignments,
                call -> page(c.channels.assignments(call.query()).map(a -> (ObjectNode)
                        JSON.objectNode().put("product_id", a.productId()).put("channel_id", a.channelId()))));
        add("PUT", assignments, call -> {
            c.channels.assign(call.body());
            return Answer.noContent();
        });
        add("DELETE", assignments, call -> {
            c.channels.unassign(call.query().ids("product_id:in"), call.query().ids("channel_id:in"));
            return Answer.noContent();
        });
    }

    private void categories(Catalog c) {
        add("GET", "/catalog/trees", call -> {
            List<ObjectNode> trees = c.categories.trees(call.query());
            return page(Page.of(trees, 1, Math.max(1, trees.size())));
        });
        add("PUT", "/catalog/trees", call -> batch(200, c.categories.upsertTrees(call.body())));
        add("DELETE", "/catalog/trees", ErrorStyle.WRAPPED, call -> {
            c.categories.deleteTrees(call.query().ids("id:in"));
            return Answer.noContent();
        });
        add("GET", "/catalog/trees/{tree_id}/categories", call -> {
            int depth = call.query().number("depth").orElse(0L).intValue();
            return single(c.categories.tree(call.id(0), depth));
        });
        add("GET", "/catalog/trees/categories", ErrorStyle.WRAPPED, call -> page(c.categories.list(call.query())));
        add(
                "POST",
                "/catalog/trees/categories",
                ErrorStyle.WRAPPED,
                call -> batch(201, c.categories.createBatch(call.body())));
        add(
                "PUT",
                "/catalog/trees/categories",
                ErrorStyle.WRAPPED,
                call -> counts(200, c.categories.updateBatch(call.body()).size()));
        add(
                "DELETE",
                "/catalog/trees/categories",
                ErrorStyle.WRAPPED,
                call -> counts(202, c.categories.deleteMatching(call.query())));

        add("GET", "/catalog/categories", call -> page(c.categories.listLegacy(call.query())));
        add("POST", "/catalog/categories", call -> single(c.categories.createLegacy(call.body())));
        add(
                "GET",
                "/catalog/categories/{category_id}",
                call -> single(c.categories.getLegacy(call.id(0), call.query())));
        add(
                "PUT",
                "/catalog/categories/{category_id}",
                call -> single(c.categories.updateLegacy(call.id(0), call.body())));
        add("DELETE", "/catalog/categories/{category_id}", call -> {
            c.categories.deleteLegacy(call.id(0));
            return Answer.noContent();
        });
    }

    private void brands(Catalog c) {
        add("GET", "/catalog/brands", call -> page(c.brands.list(call.query())));
        add("POST", "/catalog/brands", call -> single(c.brands.create(call.body())));
        add("DELETE", "/catalog/brands", call -> {
            c.brands.deleteByName(
                    call.query().string("name").orElseThrow(() -> ApiException.invalid("name", "is required")));
            return Answer.noContent();
        });
        add("GET", "/catalog/brands/{brand_id}", call -> single(c.brands.get(call.id(0), call.query())));
        add("PUT", "/catalog/brands/{brand_id}", call -> single(c.brands.update(call.id(0), call.body())));
        add("DELETE", "/catalog/brands/{brand_id}", call -> {
            c.brands.delete(call.id(0));
            return Answer.noContent();
        });
    }

    private void channels(Catalog c) {
        add("GET", "/channels", call -> page(c.channels.list(call.query())));
        add("POST", "/channels", call -> single(c.channels.create(call.body())));
        add("GET", "/channels/{channel_id}", call -> single(c.channels.get(call.id(0))));
        add("PUT", "/channels/{channel_id}", call -> single(c.channels.update(call.id(0), call.body())));
        add("GET", "/channels/{channel_id}/listings", call -> listings(c.channels.listings(call.id(0), call.query())));
        add(
                "POST",
                "/channels/{channel_id}/listings",
                call -> listings(c.channels.createListings(call.id(0), call.body())));
        add(
                "PUT",
                "/channels/{channel_id}/listings",
                call -> listings(c.channels.updateListings(call.id(0), call.body())));
        add(
                "GET",
                "/channels/{channel_id}/listings/{listing_id}",
                call -> single(c.channels.listing(call.id(0), call.id(1))));
    }

    private void hooks(Catalog c) {
        add("GET", "/hooks", call -> page(c.hooks.list(call.query())));
        add("POST", "/hooks", call -> single(c.hooks.create(call.body())));
        add("GET", "/hooks/admin", call -> {
            ObjectNode data = JSON.objectNode();
            data.putArray("emails");
            ArrayNode hooks = data.putArray("hooks_list");
            c.hooks.list(ListQuery.empty()).items().forEach(hooks::add);
            data.set("blocked_domains", c.hooks.blockedDomains());
            return single(data);
        });
        add("GET", "/hooks/{webhook_id}", call -> single(c.hooks.get(call.id(0))));
        add("PUT", "/hooks/{webhook_id}", call -> single(c.hooks.update(call.id(0), call.body())));
        add("DELETE", "/hooks/{webhook_id}", call -> single(c.hooks.delete(call.id(0))));
    }

    /** Batch writes of the category trees API: the items, and how many succeeded. */
    private static Answer batch(int status, List<ObjectNode> items) {
        ObjectNode body = JSON.objectNode();
        ArrayNode data = body.putArray("data");
        items.forEach(data::add);
        body.putObject("meta")
                .put("total", items.size())
                .put("success", items.size())
                .put("failed", 0);
        return new Answer(status, body);
    }

    private static Answer counts(int status, int count) {
        ObjectNode body = JSON.objectNode();
        body.putObject("meta").put("total", count).put("success", count).put("failed", 0);
        return new Answer(status, body);
    }

    /** Channel listings page by cursor: {@code links.next} carries the {@code after} of the next page. */
    private static Answer listings(Channels.ListingPage page) {
        ObjectNode body = JSON.objectNode();
        ArrayNode data = body.putArray("data");
        page.listings().forEach(data::add);
        ObjectNode pagination = body.putObject("meta").putObject("pagination");
        pagination.put("count", page.listings().size()).put("total", page.total());
        ObjectNode links = pagination.putObject("links");
        if (page.more()) {
            long last = page.listings()
                    .get(page.listings().size() - 1)
                    .path("listing_id")
                    .asLong();
            links.put("next", "?after=" + last + "&limit=" + page.limit());
        }
        return new Answer(200, body);
    }

    private static Answer listings(List<ObjectNode> items) {
        ObjectNode body = JSON.objectNode();
        ArrayNode data = body.putArray("data");
        items.forEach(data::add);
        body.putObject("meta")
                .putObject("pagination")
                .put("count", items.size())
                .put("total", items.size());
        return new Answer(200, body);
    }
}
