package dev.storesync.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.sandbox.catalog.ApiException;
import dev.storesync.sandbox.catalog.Page;
import java.util.Collection;
import java.util.Map;

/** The envelopes of BigCommerce answers: {@code {data, meta}} with page-based or cursor pagination, and errors. */
final class Envelopes {
    static final String ERROR_TYPE = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Envelopes() {}

    static Answer single(JsonNode data) {
        ObjectNode body = JSON.objectNode();
        body.set("data", data);
        body.putObject("meta");
        return new Answer(200, body);
    }

    static Answer list(Collection<? extends JsonNode> data) {
        ObjectNode body = JSON.objectNode();
        ArrayNode array = body.putArray("data");
        data.forEach(array::add);
        body.putObject("meta");
        return new Answer(200, body);
    }

    /**
     * A write that saved only part of what it was given: 207 Multi-Status with the answer's {@code data} and an
     * {@code errors} object (products_catalog.v3.yml, {@code errorMultiStatus}) saying what was not saved.
     */
    static Answer partly(Answer saved, Map<String, String> refused) {
        if (refused.isEmpty()) {
            return saved;
        }
        ObjectNode body = saved.body().deepCopy();
        ObjectNode errors = errorBody(207, "Some of the request could not be saved");
        ObjectNode details = errors.putObject("errors");
        refused.forEach(details::put);
        body.set("errors", errors);
        return new Answer(207, body);
    }

    /** {@code meta.pagination} as the catalog APIs answer it, with page links. */
    static Answer page(Page<? extends JsonNode> page) {
        ObjectNode body = JSON.objectNode();
        ArrayNode array = body.putArray("data");
        page.items().forEach(array::add);
        body.putObject("meta").set("pagination", pagination(page));
        return new Answer(200, body);
    }

    static ObjectNode pagination(Page<?> page) {
        ObjectNode pagination = JSON.objectNode()
                .put("total", page.total())
                .put("count", page.items().size())
                .put("per_page", page.limit())
                .put("current_page", page.page())
                .put("total_pages", page.totalPages());
        ObjectNode links = pagination.putObject("links");
        if (page.page() > 1) {
            links.put("previous", link(page.page() - 1, page.limit()));
        }
        links.put("current", link(page.page(), page.limit()));
        if (page.page() < page.totalPages()) {
            links.put("next", link(page.page() + 1, page.limit()));
        }
        return pagination;
    }

    private static String link(int page, int limit) {
        return "?page=" + page + "&limit=" + limit;
    }

    /** The error body of most operations: {@code status, title, type} and, when there are any, {@code errors}. */
    static Answer error(ApiException e) {
        ObjectNode body = errorBody(e.status(), e.title());
        if (!e.errors().isEmpty()) {
            ObjectNode errors = body.putObject("errors");
            e.errors().forEach(errors::put);
        }
        return new Answer(e.status(), body);
    }

    /** The category trees batch shape: the error inside {@code errors}, with counts in {@code meta}. */
    static Answer wrappedError(ApiException e) {
        ObjectNode error = errorBody(e.status(), e.title());
        ObjectNode details = error.putObject("errors");
        e.errors().forEach(details::put);
        ObjectNode body = JSON.objectNode();
        body.set("errors", error);
        body.putObject("meta").put("total", 1).put("success", 0).put("failed", 1);
        return new Answer(e.status(), body);
    }

    /** The variants batch shape: each error in {@code batch_errors}. */
    static Answer batchError(ApiException e) {
        ObjectNode error = errorBody(e.status(), e.title());
        ObjectNode details = error.putObject("errors");
        e.errors().forEach(details::put);
        ObjectNode body = JSON.objectNode();
        body.putArray("batch_errors").add(error);
        return new Answer(e.status(), body);
    }

    static ObjectNode errorBody(int status, String title) {
        return JSON.objectNode().put("status", status).put("title", title).put("type", ERROR_TYPE);
    }

    static Answer error(int status, String title) {
        return error(new ApiException(status, title, Map.of()));
    }
}
