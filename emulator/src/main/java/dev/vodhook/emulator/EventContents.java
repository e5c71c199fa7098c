package dev.vodhook.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the events the emulator publishes, shaped like vod-examples/callback-v3-*.json. */
final class EventContents {

    private EventContents() {
    }

    record FileUploadTask(String fileId, MediaBasicInfo mediaBasicInfo, String procedureTaskId,
                          String reviewAudioVideoTaskId, MetaData metaData) {
    }

    record NewFileUpload(String eventType, FileUploadTask fileUploadEvent) {
    }

    record ProcedureStateChanged(String eventType, ProcedureTaskView procedureStateChangeEvent) {
    }

    static VodEvent newFileUpload(Media media, String procedureTaskId) {
        NewFileUpload event = new NewFileUpload("NewFileUpload", new FileUploadTask(media.fileId(),
                MediaBasicInfo.of(media), procedureTaskId, "", media.metaData()));
        return new VodEvent(media.subAppId(), event.eventType(), tree(event));
    }

    static VodEvent procedureStateChanged(ProcedureTask task) {
        ProcedureStateChanged event = new ProcedureStateChanged("ProcedureStateChanged", ProcedureTaskView.of(task));
        return new VodEvent(task.subAppId(), event.eventType(), tree(event));
    }

    private static ObjectNode tree(Object event) {
        return VodJson.PUSH.valueToTree(event);
    }
}
