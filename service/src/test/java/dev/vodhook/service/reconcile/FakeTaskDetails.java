package dev.vodhook.service.reconcile;

import dev.vodhook.service.vod.VodApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A stand-in for DescribeTaskDetail: answers what a test set per TaskId, fails where told, records every call. */
public final class FakeTaskDetails implements TaskDetails {
    private final Map<String, TaskDetail> answers = new HashMap<>();
    private final Map<String, VodApiException> failures = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized TaskDetail describeTask(String taskId) {
        calls.add(taskId);
        VodApiException failure = failures.get(taskId);
        if (failure != null) {
            throw failure;
        }
        TaskDetail answer = answers.get(taskId);
        if (answer == null) {
            throw new VodApiException("InvalidParameterValue.TaskId", "req-none", taskId + " does not exist", false,
                    null);
        }
        return answer;
    }

    /** The task has ended; VOD would have pushed {@code eventBody}. */
    synchronized FakeTaskDetails ended(String taskId, String eventBody) {
        answers.put(taskId, new TaskDetail("Procedure", "FINISH", Optional.of(eventBody), "req-" + taskId));
        failures.remove(taskId);
        return this;
    }

    synchronized FakeTaskDetails running(String taskId) {
        answers.put(taskId, new TaskDetail("Procedure", "PROCESSING", Optional.empty(), "req-" + taskId));
        return this;
    }

    synchronized FakeTaskDetails failing(String taskId, String code) {
        failures.put(taskId, new VodApiException(code, "req-fail", "injected " + code, true, null));
        return this;
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
