package dev.storesync.sync;

import dev.storesync.bigcommerce.BigCommerceStore;
import java.util.List;
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
            written.add(new Written(write, storeB.send(write.request())));
            LOG.debug("Store B: {}", write.describe());
        }
    }
}
