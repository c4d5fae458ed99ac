package dev.storesync.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.sandbox.catalog.ListQuery;

/** One request, decoded: the numeric ids of the path in order, the query and the JSON body (or null). */
public record ApiCall(long[] ids, ListQuery query, JsonNode body) {
    public long id(int index) {
        return ids[index];
    }
}
