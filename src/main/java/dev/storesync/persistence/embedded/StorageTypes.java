package dev.storesync.persistence.embedded;

import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/** How keys and documents are laid out in the file: a length, then the bytes. Nothing goes through Java serialization. */
final class StorageTypes {
    private StorageTypes() {}

    static final BasicDataType<StoredKey> KEY = new BasicDataType<>() {
        @Override
        public int getMemory(StoredKey key) {
            return 48 + key.bytes().length;
        }

        @Override
        public void write(WriteBuffer buffer, StoredKey key) {
            buffer.putVarInt(key.bytes().length).put(key.bytes());
        }

        @Override
        public StoredKey read(ByteBuffer buffer) {
            return new StoredKey(bytes(buffer));
        }

        @Override
        public int compare(StoredKey a, StoredKey b) {
            return a.compareTo(b);
        }

        @Override
        public StoredKey[] createStorage(int size) {
            return new StoredKey[size];
        }
    };

    static final BasicDataType<StoredDocument> DOCUMENT = new BasicDataType<>() {
        @Override
        public int getMemory(StoredDocument document) {
            return 40 + document.bson().length;
        }

        @Override
        public void write(WriteBuffer buffer, StoredDocument document) {
            buffer.putVarInt(document.bson().length).put(document.bson());
        }

        @Override
        public StoredDocument read(ByteBuffer buffer) {
            return new StoredDocument(bytes(buffer));
        }

        @Override
        public StoredDocument[] createStorage(int size) {
            return new StoredDocument[size];
        }
    };

    /**
     * A document's bytes as {@link #DOCUMENT} lays them out, left undecoded: copying a file ({@link FileRewrite}) moves
     * them without building documents it would only encode again.
     */
    static final BasicDataType<byte[]> DOCUMENT_BYTES = new BasicDataType<>() {
        @Override
        public int getMemory(byte[] bson) {
            return 24 + bson.length;
        }

        @Override
        public void write(WriteBuffer buffer, byte[] bson) {
            buffer.putVarInt(bson.length).put(bson);
        }

        @Override
        public byte[] read(ByteBuffer buffer) {
            return bytes(buffer);
        }

        @Override
        public byte[][] createStorage(int size) {
            return new byte[size][];
        }
    };

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return bytes;
    }
}
