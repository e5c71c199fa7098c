package dev.vodhook.service;

import dev.vodhook.events.EventParser;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.intake.IncomingEvents;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.testkit.Samples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Event bodies for tests, and appending them the way intake does. */
public final class TestEvents {
    public static final String SAMPLE_FILE_ID = "5285890813874512345";
    public static final String SAMPLE_TASK_ID = "1500012345-procedurev2-6e3c1f0a9b8d7c6e5f4a3b2c1d0e9f8at0";

    private TestEvents() {}

    /** A 3.0 NewFileUpload of an upload that named no task flow. */
    public static String upload(String fileId) {
        return """
                {"EventType":"NewFileUpload","FileUploadEvent":{"FileId":"%s","ProcedureTaskId":"",
                 "MediaBasicInfo":{"Name":"clip-%s","MediaUrl":"http://vod.example/%s/f0.mp4"}}}
                """.formatted(fileId, fileId, fileId);
    }

    /** The sample ProcedureStateChanged (FINISH, five sub-tasks) with another status. */
    public static String procedureWithStatus(String status) {
        return Samples.text("callback-v3-ProcedureStateChanged.json")
                .replace("\"Status\": \"FINISH\"", "\"Status\": \"" + status + "\"");
    }

    /** A FINISH event with one successful and one failed transcode, and a flow-level error code. */
    public static String procedureWithFailure(String fileId, String taskId, long flowErrCode) {
        return """
                {"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":{
                  "TaskId":"%s","Status":"FINISH","ErrCode":%d,"Message":"%s","FileId":"%s","FileName":"clip",
                  "MediaProcessResultSet":[
                    {"Type":"Transcode","TranscodeTask":{"Status":"SUCCESS","ErrCode":0,"ErrCodeExt":"","Message":"SUCCESS",
                      "Input":{"Definition":100010},
                      "Output":{"Url":"http://vod.example/%s/v.f100010.mp4","Definition":100010,"Width":640,"Height":360,
                                "Bitrate":400000,"Size":1000,"Duration":1.0,"Container":"mp4"}}},
                    {"Type":"Transcode","TranscodeTask":{"Status":"FAIL","ErrCode":70000,"ErrCodeExt":"InternalError",
                      "Message":"transcoder crashed","Input":{"Definition":100020},"Output":null}}
                  ]}}
                """.formatted(taskId, flowErrCode, flowErrCode == 0 ? "" : "flow failed", fileId, fileId);
    }

    /** The FileId of an event body, wherever its type keeps it. */
    public static String fileIdOf(String body) {
        return EventParser.parse(body.getBytes(StandardCharsets.UTF_8)).fileId().orElseThrow();
    }

    public static long append(Inbox inbox, String body, Instant at) {
        VodEvent event = EventParser.parse(body.getBytes(StandardCharsets.UTF_8));
        return inbox.append(IncomingEvents.of(event, body, EventSource.PUSH, at, Map.of())).id();
    }
}
