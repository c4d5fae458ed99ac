package dev.storesync.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the cleanup stops cutting the embedded file back ({@link EmbeddedMongoServer#shrinkInSlices}). */
class ShrinkInSlicesTest {
    /** The file's size before the first slice and after each slice. */
    private static final class File {
        private final Deque<Long> sizes;
        private long size;

        File(long size, List<Long> afterEachSlice) {
            this.size = size;
            this.sizes = new ArrayDeque<>(afterEachSlice);
        }

        void slice() {
            size = sizes.isEmpty() ? size : sizes.poll();
        }
    }

    @Test
    void aSliceThatLeavesTheFileLongerForAWhileDoesNotEndTheShrinking() {
        File file = new File(400, List.of(120L, 80L, 86L, 72L, 72L, 75L, 72L, 50L));

        int slices = EmbeddedMongoServer.shrinkInSlices(() -> true, () -> file.size, file::slice);

        // 86 after 80 is one slice cutting nothing; 72 resets; 72, 75, 72 are three in a row that do not beat 72
        assertThat(slices).isEqualTo(7);
        assertThat(file.size).isEqualTo(72);
    }

    @Test
    void slicesStopWhenTheFileIsFullEnoughOrTheTimeIsUp() {
        File file = new File(400, List.of(300L, 200L, 100L, 50L));
        AtomicInteger worthIt = new AtomicInteger(2);

        int slices =
                EmbeddedMongoServer.shrinkInSlices(() -> worthIt.getAndDecrement() > 0, () -> file.size, file::slice);

        assertThat(slices).isEqualTo(2);
        assertThat(file.size).isEqualTo(200);
    }
}
