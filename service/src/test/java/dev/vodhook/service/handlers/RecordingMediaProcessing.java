package dev.vodhook.service.handlers;

import dev.vodhook.service.vod.MediaLookup;
import dev.vodhook.service.vod.MediaProcessing;
import dev.vodhook.service.vod.ProcessMediaResult;
import dev.vodhook.service.vod.VodApiException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A hand-written stand-in for VOD's ProcessMedia: records every call, answers a new task id, treats
 * a repeated SessionId as VOD does (already submitted), and fails on demand. DescribeMediaInfos finds
 * every FileId except those it was told VOD does not have.
 */
public final class RecordingMediaProcessing implements MediaProcessing {
    public record Call(String fileId, List<Integer> definitions, String sessionId, String sessionContext) {}

    private final List<Call> calls = new ArrayList<>();
    private final Set<String> sessions = new HashSet<>();
    private final Deque<VodApiException> failures = new ArrayDeque<>();
    private final List<String> lookups = new ArrayList<>();
    private final Set<String> unknown = new HashSet<>();
    private VodApiException failAlways;
    private int tasks;

    @Override
    public synchronized ProcessMediaResult processMedia(String fileId, List<Integer> definitions, String sessionId,
            String sessionContext) {
        calls.add(new Call(fileId, List.copyOf(definitions), sessionId, sessionContext));
        if (failAlways != null) {
            throw failAlways;
        }
        if (!failures.isEmpty()) {
            throw failures.removeFirst();
        }
        if (!sessions.add(sessionId)) {
            return ProcessMediaResult.alreadySubmitted("req-" + calls.size());
        }
        return ProcessMediaResult.started("1500012345-procedurev2-task" + (++tasks), "req-" + calls.size());
    }

    @Override
    public synchronized MediaLookup describeMedia(String fileId) {
        lookups.add(fileId);
        String requestId = "req-lookup-" + lookups.size();
        return unknown.contains(fileId) ? MediaLookup.missing(requestId) : MediaLookup.found(requestId);
    }

    /** DescribeMediaInfos answers that VOD has no media with this FileId. */
    public synchronized RecordingMediaProcessing unknownToVod(String fileId) {
        unknown.add(fileId);
        return this;
    }

    /** The FileIds DescribeMediaInfos was asked about, in order. */
    public synchronized List<String> lookups() {
        return List.copyOf(lookups);
    }

    /** The next {@code times} calls fail with an error of this code. */
    public synchronized RecordingMediaProcessing failNext(int times, String code, boolean retryable) {
        for (int i = 0; i < times; i++) {
            failures.add(error(code, retryable));
        }
        return this;
    }

    /** Every call fails until {@link #recover()}. */
    public synchronized RecordingMediaProcessing failAlways(String code, boolean retryable) {
        failAlways = error(code, retryable);
        return this;
    }

    public synchronized void recover() {
        failAlways = null;
        failures.clear();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Tasks actually started (not counting refusals and already-submitted answers). */
    public synchronized int tasksStarted() {
        return tasks;
    }

    private static VodApiException error(String code, boolean retryable) {
        return new VodApiException(code, "req-fail", "injected " + code, retryable, null);
    }
}
