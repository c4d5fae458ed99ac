package dev.storesync.queue;

import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Counts with MongoDB's {@code count} command rather than the driver's {@code countDocuments}: both servers answer the
 * command from an index when the filter's fields lead one (the embedded server without reading a document, see
 * {@code StoreCollection.count}), while {@code countDocuments} is an aggregation, which the embedded server runs over
 * every document of the collection.
 */
public final class IndexedCount {
    private IndexedCount() {}

    public static long count(MongoDatabase database, String collection, Bson filter) {
        BsonDocument query = filter.toBsonDocument(BsonDocument.class, database.getCodecRegistry());
        Document answer = database.runCommand(new Document("count", collection).append("query", query));
        return answer.get("n", Number.class).longValue();
    }
}
