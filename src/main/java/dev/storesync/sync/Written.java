package dev.storesync.sync;

import com.fasterxml.jackson.databind.JsonNode;

/** A write that Store B accepted, with the {@code data} of its answer. */
record Written(PlannedWrite write, JsonNode data) {}
