package dev.vodhook.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Pieces of multi-row statements: {@code VALUES (...), (...)} and lists cut to a statement's size. */
public final class MultiRow {
    /**
     * Rows per multi-row statement and ids per IN list: at most 16 parameters a row, well within SQLite's 32766
     * parameters and PostgreSQL's 65535.
     */
    public static final int MAX_ROWS = 256;

    private MultiRow() {}

    /** {@code count} rows, row {@code n} as {@code row} makes it, separated by commas. */
    public static String rows(int count, IntFunction<String> row) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append(i == 0 ? "" : ", ").append(row.apply(i));
        }
        return rows.toString();
    }

    /**
     * {@code rows} in pieces whose sizes are powers of two, {@link #MAX_ROWS} at most, in order (views of it): 224
     * rows are 128, 64 and 32. So that a statement comes in nine sizes, not 256: each size is a statement SQLite
     * compiles and the writer keeps (a large one holds hundreds of KB of native memory), and a few more
     * statements per transaction cost less than compiling or keeping many.
     */
    public static <T> List<List<T>> chunks(List<T> rows) {
        List<List<T>> chunks = new ArrayList<>();
        int from = 0;
        while (from < rows.size()) {
            int size = Math.min(MAX_ROWS, Integer.highestOneBit(rows.size() - from));
            chunks.add(rows.subList(from, from + size));
            from += size;
        }
        return chunks;
    }
}
