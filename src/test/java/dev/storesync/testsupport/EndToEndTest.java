package dev.storesync.testsupport;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose tests share one {@link SyncHarness}: two simulated stores and the service between them, started
 * once. Its request logs go to the contract logs under the class's name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EndToEndTest {
    @TempDir
    protected static Path dataDir;

    protected SyncHarness sync;

    @BeforeAll
    void startStores() {
        sync = configure(SyncHarness.builder(dataDir).contractLog(getClass().getSimpleName()))
                .start();
    }

    /** Where a test class sets properties of its own. */
    protected SyncHarness.Builder configure(SyncHarness.Builder harness) {
        return harness;
    }

    @AfterAll
    void stopStores() {
        sync.close();
    }
}
