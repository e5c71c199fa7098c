package dev.vodhook.store.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Generated scenarios for {@link MediaStore#writeAll}: steps over a few files and tasks, so that the events of
 * one step often share a file or a task, each step either a claim's worth of events or a media deleted. The ids
 * carry a prefix, so that the same scenario can be written twice into one database and compared.
 */
final class GeneratedWrites {
    /** A step: events written together (or one after the other), or a media deleted whole. */
    sealed interface Step {}

    record Events(List<MediaWrites> events) implements Step {}

    record Delete(String fileId) implements Step {}

    static final int FILES = 3;
    static final int TASKS = 4;
    private static final int[] DEFINITIONS = {100010, 100020, 100030};

    private GeneratedWrites() {}

    static String file(String prefix, int n) {
        return prefix + "f" + n;
    }

    static String task(String prefix, int n) {
        return prefix + "t" + n;
    }

    /** The scenario of {@code seed}, its ids prefixed with {@code prefix}: the same seed gives the same steps. */
    static List<Step> scenario(long seed, String prefix) {
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        int count = 2 + random.nextInt(6);
        for (int s = 0; s < count; s++) {
            if (random.nextInt(8) == 0) {
                steps.add(new Delete(file(prefix, random.nextInt(FILES))));
                continue;
            }
            List<MediaWrites> events = new ArrayList<>();
            int size = 1 + random.nextInt(8);
            for (int e = 0; e < size; e++) {
                events.add(event(random, prefix));
            }
            steps.add(new Events(events));
        }
        return steps;
    }

    /** A ProcedureStateChanged as the handler records it: running, finished (outputs, failures) or without file. */
    private static MediaWrites event(Random random, String prefix) {
        int t = random.nextInt(TASKS);
        String taskId = task(prefix, t);
        String fileId = file(prefix, t % FILES);
        boolean ours = random.nextBoolean();
        Optional<String> session = ours ? Optional.of("session-" + random.nextInt(2)) : Optional.empty();
        return switch (random.nextInt(5)) {
            case 0 -> new MediaWrites(Optional.of(MediaUpdate.state(fileId, MediaState.PROCESSING)),
                    List.of(new TaskUpdate(taskId, Optional.of(fileId), "Procedure", TaskStatus.PROCESSING, 0, "",
                            session, ours)), List.of());
            case 1 -> new MediaWrites(Optional.empty(), List.of(new TaskUpdate(taskId, Optional.empty(), "Procedure",
                    TaskStatus.FINISH, 0, "", session, ours)), List.of());
            default -> finished(random, taskId, fileId, session, ours);
        };
    }

    private static MediaWrites finished(Random random, String taskId, String fileId, Optional<String> session,
            boolean ours) {
        List<OutputRecord> outputs = new ArrayList<>();
        for (int definition : DEFINITIONS) {
            switch (random.nextInt(3)) {
                case 0 -> outputs.add(new OutputRecord(taskId, "Transcode", definition, "http://vod/" + fileId + "/v.f"
                        + definition + ".mp4", 640, 360, 465_000, 3_487_500 + random.nextInt(3), 60.04, "mp4",
                        OutputStatus.SUCCESS, 0, "", "SUCCESS"));
                case 1 -> outputs.add(new OutputRecord(taskId, "Transcode", definition, "", 0, 0, 0, 0, 0, "",
                        OutputStatus.FAIL, 70000, "InternalError", "transcode failed"));
                default -> { }
            }
        }
        long errCode = random.nextInt(4) == 0 ? 10008 : 0;
        boolean failed = errCode != 0 || (!outputs.isEmpty() && outputs.stream().noneMatch(OutputRecord::succeeded));
        return new MediaWrites(Optional.of(new MediaUpdate(fileId, Optional.of("lesson-" + random.nextInt(2)),
                Optional.empty(), Optional.empty(), failed ? MediaState.FAILED : MediaState.FINISHED)),
                List.of(new TaskUpdate(taskId, Optional.of(fileId), "Procedure", TaskStatus.FINISH, errCode,
                        errCode == 0 ? "" : "failed", session, ours)), outputs);
    }
}
