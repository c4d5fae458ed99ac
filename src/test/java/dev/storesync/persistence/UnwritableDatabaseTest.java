package dev.storesync.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.storesync.health.MongoHealthCheck;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.store.fs.FilePath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness follows whether the database can write, not whether it answers: the embedded database whose file can no
 * longer be written (a full disk; after an OutOfMemoryError its writer) still answers a ping, and refuses every webhook.
 */
class UnwritableDatabaseTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void watchTheFile() {
        FilePath.register(new EmbeddedCommitTest.ForceCounting());
    }

    @AfterEach
    void writable() {
        EmbeddedCommitTest.FAIL_WRITES.set(false);
    }

    @Test
    void readinessIsDownWhileTheFileCannotBeWritten() throws Exception {
        try (EmbeddedMongoServer server =
                        EmbeddedMongoServer.start(dir, EmbeddedCommitTest.ForceCounting.SCHEME + ":");
                MongoClient client = MongoClients.create(server.clientSettings());
                DefaultCamelContext camel = new DefaultCamelContext()) {
            MongoHealthCheck check = new MongoHealthCheck(client.getDatabase("storesync"), server::commit, true);
            check.setCamelContext(camel);
            assertThat(check.isReadiness()).isTrue();
            assertThat(check.call(Map.of()).getState()).isEqualTo(HealthCheck.State.UP);

            EmbeddedCommitTest.FAIL_WRITES.set(true);
            HealthCheck.Result down = check.call(Map.of());

            assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("cannot write"));
            client.getDatabase("admin").runCommand(new org.bson.Document("ping", 1));
        }
    }
}
