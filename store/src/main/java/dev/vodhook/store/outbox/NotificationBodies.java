package dev.vodhook.store.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.store.media.OutputRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The notifications' payloads (version 1, {@code docs/notifications.schema.json}):
 * {@code {"id", "type", "timestamp", "version", "data"}}, where {@code data} always has {@code fileId},
 * {@code sequence} (1, 2, 3... per media) and {@code subAppId}, and what the type reports. Rendered once, when
 * the change is written; the stored bytes are what every attempt sends and signs.
 */
public final class NotificationBodies {
    /** The payload version; a change that could break a consumer makes a new one. */
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String COVER_KIND = "CoverBySnapshot";

    private NotificationBodies() {}

    /**
     * The notification's id for a state change: {@code ntf_} and 128 bits of SHA-256 over the FileId, the type
     * and what identifies the change (a TaskId, the outputs deleted...). The same change reported twice, by a
     * retry or by a second instance, gets the same id.
     */
    public static String eventId(String fileId, NotificationType type, String change) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (fileId + "\n" + type.wireName() + "\n" + change).getBytes(StandardCharsets.UTF_8));
            return "ntf_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** The whole payload. */
    public static String render(String eventId, NotificationType type, Instant timestamp, ObjectNode data) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", eventId);
        body.put("type", type.wireName());
        body.put("timestamp", timestamp.toString());
        body.put("version", VERSION);
        body.set("data", data);
        return body.toString();
    }

    /** What every type's data starts with. */
    public static ObjectNode common(String fileId, long sequence, Optional<Long> subAppId) {
        ObjectNode data = JSON.createObjectNode();
        data.put("fileId", fileId);
        data.put("sequence", sequence);
        subAppId.ifPresentOrElse(id -> data.put("subAppId", id), () -> data.putNull("subAppId"));
        return data;
    }

    /** {@code media.uploaded}. */
    public static ObjectNode uploaded(ObjectNode data, Optional<String> name, Optional<String> mediaUrl,
            String sourceContext, Optional<String> procedureTaskId) {
        text(data, "name", name);
        text(data, "mediaUrl", mediaUrl);
        data.put("sourceContext", sourceContext);
        text(data, "procedureTaskId", procedureTaskId);
        return data;
    }

    /** {@code media.created}: {@code sourceTask} is the task that made it (PullUpload, EditMedia, ComposeMedia). */
    public static ObjectNode created(ObjectNode data, Optional<String> name, Optional<String> mediaUrl,
            String sourceTaskId, String sourceTaskKind, Optional<String> procedureTaskId) {
        text(data, "name", name);
        text(data, "mediaUrl", mediaUrl);
        ObjectNode task = data.putObject("sourceTask");
        task.put("taskId", sourceTaskId);
        task.put("kind", sourceTaskKind);
        text(data, "procedureTaskId", procedureTaskId);
        return data;
    }

    /** {@code media.processing}: {@code startedByVodhook} false for a task flow VOD started itself. */
    public static ObjectNode processing(ObjectNode data, String taskId, boolean startedByVodhook,
            Optional<String> sessionId) {
        data.put("taskId", taskId);
        data.put("startedByVodhook", startedByVodhook);
        text(data, "sessionId", sessionId);
        return data;
    }

    /**
     * {@code media.ready}: every output the task made ({@code outputs}, the cover also as {@code cover}), and the
     * sub-tasks that failed beside them ({@code failures}).
     */
    public static ObjectNode ready(ObjectNode data, String taskId, Optional<String> name, List<OutputRecord> outputs,
            List<OutputRecord> failures) {
        data.put("taskId", taskId);
        text(data, "name", name);
        outputs(data.putArray("outputs"), outputs);
        Optional<OutputRecord> cover = outputs.stream().filter(o -> o.kind().equals(COVER_KIND)).findFirst();
        cover.ifPresentOrElse(c -> data.putObject("cover").put("url", c.url()), () -> data.putNull("cover"));
        failures(data.putArray("failures"), failures);
        return data;
    }

    /** {@code media.failed}: the flow's error, the sub-tasks that failed, and what outputs it made anyway. */
    public static ObjectNode failed(ObjectNode data, String taskId, long errCode, String message,
            List<OutputRecord> failures, List<OutputRecord> outputs) {
        data.put("taskId", taskId);
        data.put("errCode", errCode);
        data.put("message", message);
        failures(data.putArray("failures"), failures);
        outputs(data.putArray("outputs"), outputs);
        return data;
    }

    /**
     * {@code media.deleted}: the whole media, or parts of it ({@code parts}: the outputs deleted, and
     * {@code originalDeleted} for the original file).
     */
    public static ObjectNode deleted(ObjectNode data, boolean whole, boolean originalDeleted,
            List<OutputRecord> parts) {
        data.put("whole", whole);
        data.put("originalDeleted", originalDeleted);
        ArrayNode array = data.putArray("parts");
        for (OutputRecord o : parts) {
            array.addObject().put("kind", o.kind()).put("definition", o.definition()).put("url", o.url());
        }
        return data;
    }

    private static void outputs(ArrayNode array, List<OutputRecord> outputs) {
        for (OutputRecord o : outputs) {
            ObjectNode out = array.addObject();
            out.put("kind", o.kind());
            out.put("definition", o.definition());
            out.put("url", o.url());
            out.put("width", o.width());
            out.put("height", o.height());
            out.put("bitrate", o.bitrate());
            out.put("size", o.size());
            out.put("duration", o.duration());
            out.put("container", o.container());
        }
    }

    private static void failures(ArrayNode array, List<OutputRecord> failures) {
        for (OutputRecord o : failures) {
            array.addObject().put("kind", o.kind()).put("definition", o.definition()).put("errCode", o.errCode())
                    .put("errCodeExt", o.errCodeExt()).put("message", o.message());
        }
    }

    private static void text(ObjectNode data, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> data.put(field, v), () -> data.putNull(field));
    }
}
