package dev.storesync.queue;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;

/**
 * Many writes in one round trip, each of which may fail on its own: an unordered bulk write, whose refused items come
 * back as the {@link MongoWriteException} a single write of them would have thrown. A failure of the whole request
 * (the database unreachable, a timeout) is thrown as it is: then none of them is known to be written.
 */
public final class BulkWrites {
    private BulkWrites() {}

    /** What one bulk write did: the items refused, by name, and those its upserts created; the rest were updated. */
    public record Outcome(Map<String, MongoWriteException> refused, Set<String> created) {
        static final Outcome NOTHING = new Outcome(Map.of(), Set.of());
    }

    /**
     * @param keyOf names an item of {@code writes}; the names are unique within one call
     * @return the refused items by name; every other item is written
     */
    public static <W extends WriteModel<Document>> Map<String, MongoWriteException> failures(
            MongoCollection<Document> collection, List<W> writes, Function<W, String> keyOf) {
        return write(collection, writes, keyOf).refused();
    }

    /** {@link #failures}, telling also which upserts created their document. */
    public static <W extends WriteModel<Document>> Outcome write(
            MongoCollection<Document> collection, List<W> writes, Function<W, String> keyOf) {
        if (writes.isEmpty()) {
            return Outcome.NOTHING;
        }
        try {
            return new Outcome(
                    Map.of(),
                    created(collection.bulkWrite(writes, new BulkWriteOptions().ordered(false)), writes, keyOf));
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
            return new Outcome(failed, created(e.getWriteResult(), writes, keyOf));
        }
    }

    private static <W> Set<String> created(BulkWriteResult result, List<W> writes, Function<W, String> keyOf) {
        Set<String> created = new HashSet<>();
        for (BulkWriteUpsert upsert : result.getUpserts()) {
            created.add(keyOf.apply(writes.get(upsert.getIndex())));
        }
        return created;
    }
}
