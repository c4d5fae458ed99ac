package dev.storesync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storesync.bigcommerce.ApiRequest;
import dev.storesync.bigcommerce.BigCommerceStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends planned writes to Store B in order. A failure stops the plan: the task retries and plans again from a fresh
 * read, which finds what the earlier writes did (a create whose answer was lost included), so nothing is done twice.
 */
final class PlanWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PlanWriter.class);

    private final BigCommerceStore storeB;

    PlanWriter(BigCommerceStore storeB) {
        this.storeB = storeB;
    }

    /**
     * @param written the writes Store B took are added here as they happen, so that a caller whose plan stopped half
     *     way still knows what was done
     */
    void write(List<PlannedWrite> writes, List<Written> written) {
        for (PlannedWrite write : writes) {
            written.add(new Written(write, storeB.send(withCreatedIds(write, written))));
            LOG.debug("Store B: {}", write.describe());
        }
    }

    /** The request with the Store B ids of the option values that earlier writes of the plan created. */
    private static ApiRequest withCreatedIds(PlannedWrite write, List<Written> written) {
        if (write.pending().isEmpty()) {
            return write.request();
        }
        ObjectNode body = ((ObjectNode) write.request().body()).deepCopy();
        ArrayNode values = (ArrayNode) body.get("option_values");
        for (PlannedWrite.PendingValue pending : write.pending()) {
            values.set(pending.index(), createdValue(pending, written));
        }
        ApiRequest request = write.request();
        return new ApiRequest(request.method(), request.path(), request.query(), body);
    }

    private static ObjectNode createdValue(PlannedWrite.PendingValue pending, List<Written> written) {
        long option;
        Optional<Long> value;
        if (pending.bOption() != 0) {
            option = pending.bOption();
            value = data(written, new PlannedWrite.Creates.Value(pending.aOption(), pending.aValue()))
                    .map(data -> data.path("id").asLong());
        } else {
            Optional<JsonNode> created = data(written, new PlannedWrite.Creates.Option(pending.aOption()));
            option = created.map(data -> data.path("id").asLong()).orElse(0L);
            value = created.flatMap(data -> Remapping.valueByLabel(data, pending.label()));
        }
        if (option == 0 || value.isEmpty()) {
            throw new IllegalStateException("the plan did not create the option value '" + pending.label()
                    + "' (Store A option " + pending.aOption() + ") before the variant that needs it");
        }
        return JsonNodeFactory.instance.objectNode().put("id", value.get()).put("option_id", option);
    }

    private static Optional<JsonNode> data(List<Written> written, PlannedWrite.Creates creates) {
        return written.stream()
                .filter(w -> w.write().creates().equals(creates))
                .map(Written::data)
                .findFirst();
    }
}
