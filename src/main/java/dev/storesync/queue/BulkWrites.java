package dev.storesync.queue;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bson.Document;

/**
 * Many writes in one round trip, each of which may fail on its own: an unordered bulk write, whose refused items come
 * back as the {@link MongoWriteException} a single write of them would have thrown. A failure of the whole request
 * (the database unreachable, a timeout) is thrown as it is: then none of them is known to be written.
 */
public final class BulkWrites {
    private BulkWrites() {}

    /**
     * @param keyOf names an item of {@code writes}; the names are unique within one call
     * @return the refused items by name; every other item is written
     */
    public static <W extends WriteModel<Document>> Map<String, MongoWriteException> failures(
            MongoCollection<Document> collection, List<W> writes, Function<W, String> keyOf) {
        if (writes.isEmpty()) {
            return Map.of();
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            return Map.of();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null || e.getWriteErrors().isEmpty()) {
                // written but not acknowledged as durable: as good as unknown for every item
                throw e;
            }
            Map<String, MongoWriteException> failed = new HashMap<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                failed.put(
                        keyOf.apply(writes.get(error.getIndex())),
                        new MongoWriteException(error, e.getServerAddress(), e.getErrorLabels()));
            }
            return failed;
        }
    }
}
