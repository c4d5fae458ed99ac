package dev.storesync.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule of which files a start copies, on files whose layout the test controls: MVStore's background writer (and
 * with it its own compaction) is off, so how much of the file is live depends on the writes alone.
 */
class FileRewriteTest {
    private static final FileRewrite.CutBack HALF_FREE =
            new FileRewrite.CutBack(1024 * 1024, FileRewrite.CutBack.DEFAULT.liveBelowPercent());
    private static final String PAYLOAD = "x".repeat(2_000);

    @TempDir
    Path dir;

    @Test
    void aFileMostlyFreeIsCopiedAndOneMostlyLiveIsNot() {
        try (MVStore store = open()) {
            MVMap<Integer, String> map = store.openMap("products");
            for (int i = 0; i < 3_000; i++) {
                map.put(i, PAYLOAD);
                if (i % 100 == 0) {
                    store.commit();
                }
            }
            store.commit();

            FileSpace live = FileRewrite.measure(store, HALF_FREE);
            assertThat(live.livePercent()).isGreaterThanOrEqualTo(50);
            assertThat(live.cutBackAtNextStart()).isFalse();

            for (int i = 0; i < 3_000; i++) {
                if (i % 30 != 0) {
                    map.remove(i);
                }
            }
            store.commit();

            FileSpace mostlyFree = FileRewrite.measure(store, HALF_FREE);
            assertThat(mostlyFree.livePercent()).isLessThan(50);
            assertThat(mostlyFree.cutBackAtNextStart()).isTrue();
            assertThat(FileRewrite.measure(store, new FileRewrite.CutBack(Long.MAX_VALUE, 50))
                            .cutBackAtNextStart())
                    .as("too small to be worth a copy")
                    .isFalse();
        }
    }

    private MVStore open() {
        return new MVStore.Builder()
                .fileName(dir.resolve("test.mv.db").toString())
                .autoCommitDisabled()
                .open();
    }
}
