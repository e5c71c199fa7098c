package dev.vodhook.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The latest {@link #CAPACITY} API calls, oldest first, for tests, benchmarks and {@code /_emulator/calls}: what
 * was called, when it arrived and how it was answered. {@link #record(ApiCall)} and {@link #clear()} are the local
 * VOD's own (its API dispatcher records every call); tests only read the journal.
 */
public final class ApiCallJournal {

    static final int CAPACITY = 10_000;

    private final Deque<ApiCall> calls = new ArrayDeque<>();

    public synchronized void record(ApiCall call) {
        if (calls.size() == CAPACITY) {
            calls.removeFirst();
        }
        calls.addLast(call);
    }

    /** Every call kept, in the order they were answered. */
    public synchronized List<ApiCall> all() {
        return List.copyOf(calls);
    }

    /** The calls of one action, in order. */
    public List<ApiCall> ofAction(String action) {
        return all().stream().filter(c -> c.action().equals(action)).toList();
    }

    public synchronized void clear() {
        calls.clear();
    }
}
