package dev.storesync.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The packed entries behave as a sorted set of arrays would: the same adds, removes, slices (both ways) and counts,
 * over enough entries to split and empty many blocks, with values of the kinds it packs (instants, doubles, longs)
 * and of those it keeps as objects (strings, null).
 */
class IndexEntriesTest {
    private static final Comparator<Object> VALUES = Comparator.nullsFirst((a, b) -> {
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    });
    private static final IndexEntries.ColumnOrder ORDER = (column, a, b) -> VALUES.compare(a, b);
    private static final Comparator<Object[]> ROWS = (a, b) -> {
        for (int c = 0; c < a.length; c++) {
            int result = VALUES.compare(a[c], b[c]);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    };

    private final Random random = new Random(17);

    @Test
    void behavesAsASortedSetThroughSplitsAndRemovals() {
        IndexEntries entries = new IndexEntries(4, 1, ORDER);
        NavigableSet<Object[]> reference = new TreeSet<>(ROWS);
        for (int round = 0; round < 40_000; round++) {
            Object[] entry = randomEntry();
            if (random.nextInt(3) == 0) {
                assertThat(entries.remove(entry)).isEqualTo(reference.remove(entry));
            } else {
                assertThat(entries.add(entry)).isEqualTo(reference.add(entry));
            }
            if (round % 1_000 == 0) {
                assertSameSlices(entries, reference);
            }
        }
        assertThat(entries.size()).isEqualTo(reference.size()).isGreaterThan(IndexEntries.BLOCK * 10);
        assertSameSlices(entries, reference);
        // random additions split full blocks in the middle: about 70 % full on average, not below 60 %
        assertThat(entries.blockCount()).isLessThanOrEqualTo(entries.size() * 10 / (6 * IndexEntries.BLOCK));

        for (Object[] entry : new ArrayList<>(reference)) {
            assertThat(entries.remove(entry)).isTrue();
        }
        assertThat(entries.isEmpty()).isTrue();
        assertThat(entries.slice(randomEntry(), randomEntry(), false)).isEmpty();
    }

    /**
     * Time indexes grow at one end of a range: the events' arrival at the end of the index, the tasks' due times at
     * the end of their status, ahead of the other statuses. Such growth fills blocks instead of leaving them half
     * empty, and the entries still read back as a sorted set's.
     */
    @Test
    void entriesAddedInOrderAtTheEndOfARangeFillTheirBlocks() {
        IndexEntries entries = new IndexEntries(4, 1, ORDER);
        NavigableSet<Object[]> reference = new TreeSet<>(ROWS);
        int perRange = IndexEntries.BLOCK * 20;
        for (int i = 0; i < perRange; i++) {
            // three ranges grow at once, each at its own end, the middle one between the others' entries
            for (String status : List.of("status-a", "status-b", "status-c")) {
                Object[] entry = {status, Instant.ofEpochMilli(1_700_000_000_000L + i), 1.0, (long) i};
                assertThat(entries.add(entry)).isTrue();
                reference.add(entry);
            }
        }
        assertSameSlices(entries, reference);
        int full = (3 * perRange) / IndexEntries.BLOCK;
        // at most a partly filled block per range more than if every block were full
        assertThat(entries.blockCount()).isBetween(full, full + 3);
    }

    @Test
    void readsBackWhatItPackedAsTheSameValues() {
        IndexEntries entries = new IndexEntries(4, 1, ORDER);
        Object[] entry = {"storeb", Instant.ofEpochMilli(1_700_000_000_123L), 2.5, Long.MAX_VALUE};
        Object[] precise = {"storeb", Instant.ofEpochSecond(1_700_000_000L, 123_456_789), -0.5, 3L};
        entries.add(entry);
        entries.add(precise);

        List<Object[]> all = new ArrayList<>();
        entries.slice(new Object[] {null, null, null, null}, new Object[] {"z", Instant.MAX, 9.0, 9L}, false)
                .forEach(all::add);
        assertThat(all).containsExactly(entry, precise);
    }

    private void assertSameSlices(IndexEntries entries, NavigableSet<Object[]> reference) {
        for (int i = 0; i < 20; i++) {
            Object[] a = randomEntry();
            Object[] b = randomEntry();
            Object[] from = ROWS.compare(a, b) <= 0 ? a : b;
            Object[] to = from == a ? b : a;
            NavigableSet<Object[]> expected = reference.subSet(from, true, to, true);
            boolean descending = random.nextBoolean();
            List<Object[]> actual = new ArrayList<>();
            entries.slice(from, to, descending).forEach(actual::add);
            assertThat(actual)
                    .usingElementComparator(ROWS)
                    .containsExactlyElementsOf(descending ? expected.descendingSet() : expected);
            assertThat(entries.slice(from, to, descending).count()).isEqualTo(expected.size());
        }
        List<Object[]> everything = new ArrayList<>();
        entries.slice(new Object[] {null, null, null, null}, new Object[] {"z", Instant.MAX, 1e9, 1e9}, false)
                .forEach(everything::add);
        assertThat(everything).usingElementComparator(ROWS).containsExactlyElementsOf(reference);
    }

    private Object[] randomEntry() {
        return new Object[] {
            random.nextInt(10) == 0 ? null : "status-" + random.nextInt(4),
            Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(300)),
            (double) random.nextInt(5),
            (long) random.nextInt(5)
        };
    }
}
