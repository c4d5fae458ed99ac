package dev.storesync.persistence.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A key in the database file (a document's {@code _id}, a unique index's key) in its stored form: BSON bytes, ordered
 * byte by byte. Comparing bytes is what makes lookups cheap: H2's default type compared these keys by Java-serializing
 * both sides on every step down a B-tree. Equal values encode to equal bytes, which is all a unique index needs; the
 * order among different values is only the file's.
 */
public final class StoredKey implements Comparable<StoredKey> {
    /** Not a BSON type (0 ends a document): marks a field a document does not have. */
    private static final byte MISSING = 0;

    private final byte[] bytes;
    private final int hash;

    StoredKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /**
     * Where a document is in its collection: its {@code _id}, normalized as the server compares values (so that
     * {@code 7} and {@code 7.0} are the same key, as in MongoDB).
     */
    public static StoredKey position(Object id) {
        return of(normalized(id));
    }

    /** A value as the server compares it: numbers as doubles where exact, a missing value as null. */
    static Object normalized(Object value) {
        return new KeyValue(Collections.singletonList(value)).normalized().get(0);
    }

    /** One value as it is. */
    public static StoredKey of(Object value) {
        ByteBuf out = Unpooled.buffer(32);
        write(value, out);
        return new StoredKey(bytesOf(out));
    }

    /** The values of a unique index's key, in the index's field order. */
    public static StoredKey of(KeyValue key) {
        ByteBuf out = Unpooled.buffer(64);
        out.writeByte(key.size());
        for (Object value : key) {
            write(value, out);
        }
        return new StoredKey(bytesOf(out));
    }

    public Object value() {
        return read(Unpooled.wrappedBuffer(bytes));
    }

    public KeyValue keyValue() {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        int size = in.readUnsignedByte();
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(read(in));
        }
        return new KeyValue(values);
    }

    byte[] bytes() {
        return bytes;
    }

    private static void write(Object value, ByteBuf out) {
        if (value instanceof Missing) {
            out.writeByte(MISSING);
            return;
        }
        byte type = BsonEncoder.determineType(value);
        out.writeByte(type);
        BsonEncoder.encodeValue(type, value, out);
    }

    private static Object read(ByteBuf in) {
        byte type = in.readByte();
        return type == MISSING ? Missing.getInstance() : BsonDecoder.decodeValue(type, in);
    }

    private static byte[] bytesOf(ByteBuf out) {
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    @Override
    public int compareTo(StoredKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredKey key && hash == key.hash && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "StoredKey" + Arrays.toString(bytes);
    }
}
