package dev.storesync.persistence.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The sorted entries of an {@link OrderedIndex}, packed for a small heap: a {@code TreeSet} of {@code Object[]} cost
 * about 96 bytes per entry (a tree node, the array, a boxed date), and at a backlog of 100,000 tasks the indexes alone
 * filled most of a 128 MB heap. Here entries live in blocks of up to {@value #BLOCK} rows, stored by column; dates and
 * numbers are kept as {@code long}s in the block rather than as objects, so an entry of a task index costs about 30
 * bytes. Inserting or removing moves at most one block's rows.
 *
 * <p>Entries are read back as new arrays ({@link #slice}): callers may keep them, but must not modify the index while
 * they iterate a slice.
 */
final class IndexEntries {
    static final int BLOCK = 256;

    /** How one column's values compare; the entries sort by their columns in order. */
    @FunctionalInterface
    interface ColumnOrder {
        int compare(int column, Object a, Object b);
    }

    private final int width;
    /** How many leading columns make a run: entries that equal in them form a range the index grows at the end of. */
    private final int runWidth;

    private final ColumnOrder order;
    private final List<Block> blocks = new ArrayList<>();
    private int size;

    IndexEntries(int width, int runWidth, ColumnOrder order) {
        this.width = width;
        this.runWidth = runWidth;
        this.order = order;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** How many blocks hold the entries: what the tests hold the packing to. */
    int blockCount() {
        return blocks.size();
    }

    void clear() {
        blocks.clear();
        size = 0;
    }

    /** @return false when an equal entry is already there */
    boolean add(Object[] entry) {
        if (blocks.isEmpty()) {
            // no block is ever empty: the searches read each block's last row
            Block first = new Block(width);
            first.insert(0, entry);
            blocks.add(first);
            size++;
            return true;
        }
        int b = blockFor(entry);
        Block block = blocks.get(b);
        int row = block.lowerBound(entry, false, order);
        if (row < block.rows && block.compare(row, entry, order) == 0) {
            return false;
        }
        if (row == 0 && b > 0 && blocks.get(b - 1).rows < BLOCK) {
            // between two blocks: at the end of the one before, so that a range growing at its end fills its blocks
            Block previous = blocks.get(b - 1);
            previous.insert(previous.rows, entry);
        } else if (block.rows < BLOCK) {
            block.insert(row, entry);
        } else if (row == 0 || row == BLOCK) {
            // before or after a full block: into a block of its own rather than halving the full one, which would
            // leave every block half empty where an index grows at one end (arrivals, due times within a status)
            Block own = new Block(width);
            own.insert(0, entry);
            blocks.add(row == 0 ? b : b + 1, own);
        } else {
            // the end of a run (the tasks of one status, by due time) grows further: split there, so that both halves
            // fill; elsewhere in the middle, to leave room on both sides
            boolean endOfRun = block.compare(row, entry, order, runWidth) != 0;
            int keep = endOfRun ? row : BLOCK / 2;
            blocks.add(b + 1, block.splitUpper(keep));
            if (row > keep) {
                row -= keep;
                block = blocks.get(b + 1);
            }
            block.insert(row, entry);
        }
        size++;
        return true;
    }

    /** @return whether an equal entry was there */
    boolean remove(Object[] entry) {
        if (blocks.isEmpty()) {
            return false;
        }
        int b = blockFor(entry);
        Block block = blocks.get(b);
        int row = block.lowerBound(entry, false, order);
        if (row == block.rows || block.compare(row, entry, order) != 0) {
            return false;
        }
        block.delete(row);
        if (block.rows == 0) {
            blocks.remove(b);
        }
        size--;
        return true;
    }

    /** The entries from {@code from} to {@code to}, both included, in order or reversed. */
    Slice slice(Object[] from, Object[] to, boolean descending) {
        return new Slice(lowerBound(from, false), lowerBound(to, true), descending);
    }

    /** The block {@code key} belongs in: the first whose last row is not below it, else the last block. */
    private int blockFor(Object[] key) {
        return Math.min(firstBlock(key, false), blocks.size() - 1);
    }

    /** The first block whose last row is above (or at, unless {@code after}) {@code key}; the block count if none. */
    private int firstBlock(Object[] key, boolean after) {
        int low = 0;
        int high = blocks.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            Block block = blocks.get(mid);
            int c = block.compare(block.rows - 1, key, order);
            if (c < 0 || (after && c == 0)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Where the first entry above (or at, unless {@code after}) {@code key} is, as block * BLOCK + row. */
    private long lowerBound(Object[] key, boolean after) {
        int b = firstBlock(key, after);
        return b == blocks.size()
                ? (long) b * BLOCK
                : (long) b * BLOCK + blocks.get(b).lowerBound(key, after, order);
    }

    /** A run of entries between two positions; it reads the index when iterated or counted. */
    final class Slice implements Iterable<Object[]> {
        private final long start;
        private final long end;
        private final boolean descending;

        private Slice(long start, long end, boolean descending) {
            this.start = start;
            this.end = Math.max(start, end);
            this.descending = descending;
        }

        long count() {
            int startBlock = (int) (start / BLOCK);
            int endBlock = (int) (end / BLOCK);
            if (startBlock == endBlock) {
                return end - start;
            }
            long count = blocks.get(startBlock).rows - start % BLOCK;
            for (int b = startBlock + 1; b < endBlock; b++) {
                count += blocks.get(b).rows;
            }
            return count + end % BLOCK;
        }

        @Override
        public Iterator<Object[]> iterator() {
            return descending ? new Backward(start, end) : new Forward(start, end);
        }
    }

    private final class Forward implements Iterator<Object[]> {
        private int block;
        private int row;
        private final long end;

        Forward(long start, long end) {
            this.block = (int) (start / BLOCK);
            this.row = (int) (start % BLOCK);
            this.end = end;
        }

        @Override
        public boolean hasNext() {
            if (block < blocks.size() && row == blocks.get(block).rows) {
                block++;
                row = 0;
            }
            return (long) block * BLOCK + row < end;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return blocks.get(block).row(row++);
        }
    }

    private final class Backward implements Iterator<Object[]> {
        private final long start;
        private int block;
        /** The row after the next one returned. */
        private int row;

        Backward(long start, long end) {
            this.start = start;
            this.block = (int) (end / BLOCK);
            this.row = (int) (end % BLOCK);
        }

        @Override
        public boolean hasNext() {
            if (row == 0 && block > 0 && (long) block * BLOCK > start) {
                block--;
                row = blocks.get(block).rows;
            }
            return (long) block * BLOCK + row > start;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return blocks.get(block).row(--row);
        }
    }

    /** Up to {@link #BLOCK} consecutive entries, column by column. */
    private static final class Block {
        /** In a column: the row's value is the instant of that many milliseconds, in {@link #packed}. */
        private static final Object INSTANT = new Object();
        /** In a column: the row's value is the double of these bits, in {@link #packed}. */
        private static final Object DOUBLE = new Object();
        /** In a column: the row's value is this long, in {@link #packed}. */
        private static final Object LONG = new Object();
        /** Instants further from 1970 than this do not fit a long of milliseconds; BSON dates always do. */
        private static final long MAX_PACKED_SECONDS = Long.MAX_VALUE / 1000 - 1;

        private final Object[][] columns;
        private final long[][] packed;
        int rows;

        Block(int width) {
            columns = new Object[width][BLOCK];
            packed = new long[width][];
        }

        Object[] row(int row) {
            Object[] entry = new Object[columns.length];
            for (int c = 0; c < columns.length; c++) {
                entry[c] = value(c, row);
            }
            return entry;
        }

        Object value(int column, int row) {
            Object value = columns[column][row];
            if (value == INSTANT) {
                return Instant.ofEpochMilli(packed[column][row]);
            }
            if (value == DOUBLE) {
                return Double.longBitsToDouble(packed[column][row]);
            }
            if (value == LONG) {
                return packed[column][row];
            }
            return value;
        }

        int compare(int row, Object[] key, ColumnOrder order) {
            return compare(row, key, order, columns.length);
        }

        /** Compares the first {@code width} columns only. */
        int compare(int row, Object[] key, ColumnOrder order, int width) {
            for (int c = 0; c < width; c++) {
                int result = order.compare(c, value(c, row), key[c]);
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        }

        /** The first row above (or at, unless {@code after}) {@code key}. */
        int lowerBound(Object[] key, boolean after, ColumnOrder order) {
            int low = 0;
            int high = rows;
            while (low < high) {
                int mid = (low + high) >>> 1;
                int c = compare(mid, key, order);
                if (c < 0 || (after && c == 0)) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        void insert(int row, Object[] entry) {
            for (int c = 0; c < columns.length; c++) {
                System.arraycopy(columns[c], row, columns[c], row + 1, rows - row);
                if (packed[c] != null) {
                    System.arraycopy(packed[c], row, packed[c], row + 1, rows - row);
                }
                set(c, row, entry[c]);
            }
            rows++;
        }

        void delete(int row) {
            for (int c = 0; c < columns.length; c++) {
                System.arraycopy(columns[c], row + 1, columns[c], row, rows - row - 1);
                if (packed[c] != null) {
                    System.arraycopy(packed[c], row + 1, packed[c], row, rows - row - 1);
                }
                columns[c][rows - 1] = null;
            }
            rows--;
        }

        /** Moves the rows from {@code keep} on into a new block. */
        Block splitUpper(int keep) {
            Block upper = new Block(columns.length);
            int moved = rows - keep;
            for (int c = 0; c < columns.length; c++) {
                System.arraycopy(columns[c], keep, upper.columns[c], 0, moved);
                Arrays.fill(columns[c], keep, rows, null);
                if (packed[c] != null) {
                    upper.packed[c] = new long[BLOCK];
                    System.arraycopy(packed[c], keep, upper.packed[c], 0, moved);
                }
            }
            upper.rows = moved;
            rows = keep;
            return upper;
        }

        private void set(int column, int row, Object value) {
            Object marker = null;
            long bits = 0;
            if (value instanceof Instant instant
                    && instant.getNano() % 1_000_000 == 0
                    && Math.abs(instant.getEpochSecond()) < MAX_PACKED_SECONDS) {
                marker = INSTANT;
                bits = instant.toEpochMilli();
            } else if (value instanceof Double d) {
                marker = DOUBLE;
                bits = Double.doubleToRawLongBits(d);
            } else if (value instanceof Long l) {
                marker = LONG;
                bits = l;
            }
            if (marker == null) {
                columns[column][row] = value;
                return;
            }
            if (packed[column] == null) {
                packed[column] = new long[BLOCK];
            }
            columns[column][row] = marker;
            packed[column][row] = bits;
        }
    }
}
