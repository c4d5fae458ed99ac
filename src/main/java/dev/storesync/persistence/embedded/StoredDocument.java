package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A document as the database file holds it: BSON, the same bytes a MongoDB server would store (H2's default type stored
 * it Java-serialized: class descriptors in every value, three to five times the bytes).
 *
 * <p>Only the bytes are kept, in the file's pages and in MVStore's page cache; {@link #document()} decodes them for
 * each caller. A page read from the file holds several documents of which a lookup wants one: decoding them all when
 * the page was read built about 30 KB of objects per page, which outlived a young collection in the cache, were
 * promoted and then dropped, and drove the old generation into back-to-back full collections at a backlog of 100,000
 * tasks (bench/README.md, issue 17's sixth stop). Each caller also gets a document of its own to change.
 */
record StoredDocument(byte[] bson) {

    static StoredDocument of(Document document) {
        ByteBuf out = Unpooled.buffer(256);
        BsonEncoder.encodeDocument(document, out);
        byte[] bson = new byte[out.readableBytes()];
        out.readBytes(bson);
        return new StoredDocument(bson);
    }

    Document document() {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }
}
