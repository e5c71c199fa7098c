package dev.vodhook.service.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentcloudapi.common.AbstractModel;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import java.util.Optional;

/**
 * The event VOD would have pushed for a task, built from its DescribeTaskDetail answer: for a {@code Procedure},
 * {@code {"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":<ProcedureTask>}} (vod-protocol.md
 * §4.2 and §5.6 describe the same {@code ProcedureTask}). The task object is the SDK's own serialisation, so its
 * field names are VOD's; the flow status is the answer's top-level {@code Status}.
 */
public final class EventFromTaskDetail {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private EventFromTaskDetail() {}

    public static Optional<String> of(DescribeTaskDetailResponse answer) {
        if (!"Procedure".equals(answer.getTaskType()) || answer.getProcedureTask() == null) {
            return Optional.empty();
        }
        try {
            ObjectNode task = (ObjectNode) JSON.readTree(AbstractModel.toJsonString(answer.getProcedureTask()));
            if (answer.getStatus() != null && !answer.getStatus().isBlank()) {
                task.put("Status", answer.getStatus());
            }
            ObjectNode event = JSON.createObjectNode();
            event.put("EventType", "ProcedureStateChanged");
            event.set("ProcedureStateChangeEvent", task);
            return Optional.of(JSON.writeValueAsString(event));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("the SDK's ProcedureTask did not serialise to a JSON object", e);
        }
    }
}
