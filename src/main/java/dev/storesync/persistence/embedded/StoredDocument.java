package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A document as the database file holds it, BSON, next to the document itself: encoded once when it is written, decoded
 * once when its page is read, and the same bytes a MongoDB server would store. (H2's default type stored it
 * Java-serialized: class descriptors in every value, three to five times the bytes.)
 */
record StoredDocument(Document document, byte[] bson) {

    static StoredDocument of(Document document) {
        ByteBuf out = Unpooled.buffer(256);
        BsonEncoder.encodeDocument(document, out);
        byte[] bson = new byte[out.readableBytes()];
        out.readBytes(bson);
        return new StoredDocument(document, bson);
    }

    static StoredDocument read(byte[] bson) {
        return new StoredDocument(BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson)), bson);
    }
}
