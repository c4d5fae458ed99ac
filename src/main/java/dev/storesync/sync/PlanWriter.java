package dev.storesync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storesync.bigcommerce.ApiResponse;
import dev.storesync.bigcommerce.BigCommerceClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends planned writes to Store B in order. A failure stops the plan: the task retries and plans again from a fresh
 * read, which finds what the earlier writes did (a create whose answer was lost included), so nothing is done twice.
 */
final class PlanWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PlanWriter.class);

    private final BigCommerceClient storeB;

    PlanWriter(BigCommerceClient storeB) {
        this.storeB = storeB;
    }

    List<Written> write(List<PlannedWrite> writes) {
        List<Written> written = new ArrayList<>();
        for (PlannedWrite write : writes) {
            ApiResponse answer = storeB.call(write.request());
            LOG.debug("Store B: {}", write.describe());
            written.add(new Written(write, data(answer)));
        }
        return written;
    }

    private static JsonNode data(ApiResponse answer) {
        if (answer.body().length == 0) {
            return BigCommerceClient.JSON.missingNode();
        }
        try {
            return BigCommerceClient.JSON.readTree(answer.body()).path("data");
        } catch (IOException e) {
            // the write happened; only its answer is unreadable
            return BigCommerceClient.JSON.missingNode();
        }
    }
}
