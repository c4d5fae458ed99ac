package dev.storesync.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;

/**
 * A MongoDB-compatible server owned by the test, standing in for an external MongoDB (MONGODB_URI): several service
 * instances can share it, and the test can stop and restart it on the same port and file to simulate an outage.
 */
public final class ExternalMongo implements AutoCloseable {
    private final Path file;
    private final int port;
    private MongoServer server;

    private ExternalMongo(Path file, int port) {
        this.file = file;
        this.port = port;
    }

    public static ExternalMongo start(Path dir) {
        ExternalMongo mongo = new ExternalMongo(dir.resolve("external.mv.db"), Ports.free());
        mongo.restart();
        return mongo;
    }

    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    public void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    public void restart() {
        stop();
        server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", port);
    }

    @Override
    public void close() {
        stop();
    }
}
