package dev.storesync.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;

/** What the simulated API answers: a status and a JSON body, or none (204). */
public record Answer(int status, JsonNode body) {
    public static Answer noContent() {
        return new Answer(204, null);
    }
}
