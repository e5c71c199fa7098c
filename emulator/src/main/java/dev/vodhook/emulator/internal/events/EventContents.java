package dev.vodhook.emulator.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.api.actions.DeleteMediaAction;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaBasicInfo;
import dev.vodhook.emulator.internal.media.MetaData;
import dev.vodhook.emulator.internal.tasks.ComposeMediaTask;
import dev.vodhook.emulator.internal.tasks.EditMediaTask;
import dev.vodhook.emulator.internal.tasks.ProcedureTask;
import dev.vodhook.emulator.internal.tasks.ProcedureTaskView;
import dev.vodhook.emulator.internal.tasks.PullUploadTask;
import java.util.List;

/** Builds the events the emulator publishes, shaped like vod-examples/callback-v3-*.json. */
public final class EventContents {

    /**
     * Every payload field of {@code EventContent}, in the order of vod-examples/api-PullEvents-response.json: a
     * pulled event carries all of them, the ones not matching its type as {@code null}.
     */
    static final List<String> PAYLOAD_FIELDS = List.of("FileUploadEvent", "ProcedureStateChangeEvent",
            "FileDeleteEvent", "PullCompleteEvent", "EditMediaCompleteEvent", "SplitMediaCompleteEvent",
            "ComposeMediaCompleteEvent", "ClipCompleteEvent", "TranscodeCompleteEvent",
                    "CreateImageSpriteCompleteEvent",
            "ConcatCompleteEvent", "SnapshotByTimeOffsetCompleteEvent", "WechatPublishCompleteEvent",
            "WechatMiniProgramPublishCompleteEvent", "RemoveWatermarkCompleteEvent", "RestoreMediaCompleteEvent",
            "ExtractTraceWatermarkCompleteEvent", "ReviewAudioVideoCompleteEvent", "ReduceMediaBitrateCompleteEvent",
            "DescribeFileAttributesCompleteEvent");

    private EventContents() {
    }

    record FileUploadTask(String fileId, MediaBasicInfo mediaBasicInfo, String procedureTaskId,
                          String reviewAudioVideoTaskId, MetaData metaData) {
    }

    record NewFileUpload(String eventType, FileUploadTask fileUploadEvent) {
    }

    record ProcedureStateChanged(String eventType, ProcedureTaskView procedureStateChangeEvent) {
    }

    record FileDeleteResultItem(String fileId, List<DeleteMediaAction.Part> deleteParts) {
    }

    record FileDeleteTask(List<String> fileIdSet, List<FileDeleteResultItem> fileDeleteResultInfo) {
    }

    record FileDeleted(String eventType, FileDeleteTask fileDeleteEvent) {
    }

    record PullComplete(String eventType, PullUploadTask.View pullCompleteEvent) {
    }

    public static EmittedEvent pullComplete(PullUploadTask task) {
        PullComplete event = new PullComplete("PullComplete", task.view());
        return new EmittedEvent(task.subAppId(), event.eventType(), tree(event));
    }

    record EditMediaComplete(String eventType, EditMediaTask.View editMediaCompleteEvent) {
    }

    public static EmittedEvent editMediaComplete(EditMediaTask task) {
        EditMediaComplete event = new EditMediaComplete("EditMediaComplete", task.view());
        return new EmittedEvent(task.subAppId(), event.eventType(), tree(event));
    }

    record ComposeMediaComplete(String eventType, ComposeMediaTask.View composeMediaCompleteEvent) {
    }

    public static EmittedEvent composeMediaComplete(ComposeMediaTask task) {
        ComposeMediaComplete event = new ComposeMediaComplete("ComposeMediaComplete", task.view());
        return new EmittedEvent(task.subAppId(), event.eventType(), tree(event));
    }

    /** {@code FileDeleted} for one FileId; {@code parts} as requested, empty for a whole delete. */
    public static EmittedEvent fileDeleted(long subAppId, String fileId, List<DeleteMediaAction.Part> parts) {
        FileDeleted event = new FileDeleted("FileDeleted", new FileDeleteTask(List.of(fileId),
                List.of(new FileDeleteResultItem(fileId, parts))));
        return new EmittedEvent(subAppId, event.eventType(), tree(event));
    }

    public static EmittedEvent newFileUpload(Media media, String procedureTaskId) {
        NewFileUpload event = new NewFileUpload("NewFileUpload", new FileUploadTask(media.fileId(),
                MediaBasicInfo.of(media), procedureTaskId, "", media.metaData()));
        return new EmittedEvent(media.subAppId(), event.eventType(), tree(event));
    }

    public static EmittedEvent procedureStateChanged(ProcedureTask task) {
        ProcedureStateChanged event = new ProcedureStateChanged("ProcedureStateChanged", ProcedureTaskView.of(task));
        return new EmittedEvent(task.subAppId(), event.eventType(), tree(event));
    }

    /**
     * The event as PullEvents returns it: {@code EventHandle}, {@code EventType}, then every payload field. The
     * payload nodes are shared with the queued event, not copied: the answer is only serialised, never changed.
     */
    public static ObjectNode pulled(PulledEvent pulled) {
        ObjectNode content = pulled.event().content();
        ObjectNode out = VodJson.API.createObjectNode();
        out.put("EventHandle", pulled.eventHandle());
        out.put("EventType", pulled.event().eventType());
        for (String field : PAYLOAD_FIELDS) {
            JsonNode value = content.get(field);
            if (value == null) {
                out.putNull(field);
            } else {
                out.set(field, value);
            }
        }
        content.properties().forEach(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    private static ObjectNode tree(Object event) {
        return VodJson.PUSH.valueToTree(event);
    }
}
