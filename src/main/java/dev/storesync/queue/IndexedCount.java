package dev.storesync.queue;

import com.mongodb.client.MongoCollection;
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

    /** @param database the database {@code collection} is in (the driver's collection does not say) */
    public static long count(MongoDatabase database, MongoCollection<?> collection, Bson filter) {
        BsonDocument query = filter.toBsonDocument(BsonDocument.class, collection.getCodecRegistry());
        Document answer = database.runCommand(
                new Document("count", collection.getNamespace().getCollectionName()).append("query", query));
        return answer.get("n", Number.class).longValue();
    }
}
