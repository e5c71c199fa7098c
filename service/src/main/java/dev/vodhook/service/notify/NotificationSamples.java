package dev.vodhook.service.notify;

import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import dev.vodhook.store.outbox.NotificationBodies;
import dev.vodhook.store.outbox.NotificationType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One sample notification of each type, rendered as real ones are ({@link NotificationBodies}), for
 * {@code vodhook notify test}: an application's developer checks their verifier and parser against them.
 */
public final class NotificationSamples {
    static final String FILE_ID = "5285890813874512345";
    static final String TASK_ID = "1500012345-procedurev2-6e3c1f0a9b8d7c6e5f4a3b2c1d0e9f8at0";

    /** A sample: its id (prefixed {@code ntf_test_}, so that it never collides with a real one), type and body. */
    public record Sample(String id, NotificationType type, String body) {}

    private NotificationSamples() {}

    public static List<Sample> all(Instant now) {
        List<Sample> samples = new ArrayList<>();
        long sequence = 0;
        for (NotificationType type : NotificationType.values()) {
            String id = "ntf_test_" + NotificationBodies.eventId(FILE_ID, type, now.toString()).substring(4, 20);
            var data = NotificationBodies.common(FILE_ID, ++sequence, Optional.of(1500012345L));
            switch (type) {
                case UPLOADED -> NotificationBodies.uploaded(data, Optional.of("lesson-01"), Optional.of(url("f0.mp4")),
                        "{\"orgId\":\"o-7\"}", Optional.empty());
                case CREATED -> NotificationBodies.created(data, Optional.of("lesson-01-clip"),
                        Optional.of(url("f0.mp4")), "1500012345-EditMedia-0a1b2c3d", "EditMedia", Optional.empty());
                case PROCESSING -> NotificationBodies.processing(data, TASK_ID, true, Optional.of("vodhook-transcode"));
                case READY -> NotificationBodies.ready(data, TASK_ID, Optional.of("lesson-01"), outputs(), List.of());
                case FAILED -> NotificationBodies.failed(data, TASK_ID, 0, "", List.of(failure()), List.of());
                case DELETED -> NotificationBodies.deleted(data, true, false, List.of());
            }
            samples.add(new Sample(id, type, NotificationBodies.render(id, type, now, data)));
        }
        return samples;
    }

    private static List<OutputRecord> outputs() {
        return List.of(
                output("Transcode", 100010, "v.f100010.mp4", 640, 360),
                output("Transcode", 100020, "v.f100020.mp4", 960, 540),
                output("CoverBySnapshot", 10, "cover.jpg", 0, 0));
    }

    private static OutputRecord output(String kind, int definition, String file, int width, int height) {
        return new OutputRecord(TASK_ID, kind, definition, url(file), width, height, width * 700L, width * 5_000L,
                60.04, kind.equals("Transcode") ? "mp4" : "", OutputStatus.SUCCESS, 0, "", "SUCCESS");
    }

    private static OutputRecord failure() {
        return new OutputRecord(TASK_ID, "Transcode", 100020, "", 0, 0, 0, 0, 0, "", OutputStatus.FAIL, 70000,
                "InternalError", "transcode failed");
    }

    private static String url(String file) {
        return "http://1500012345.vod2.myqcloud.com/6b7c8d9evodgzp1500012345/" + FILE_ID + "/" + file;
    }
}
