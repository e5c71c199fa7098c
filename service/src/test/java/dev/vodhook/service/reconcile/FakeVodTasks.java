package dev.vodhook.service.reconcile;

import dev.vodhook.service.vod.VodApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A stand-in for DescribeTaskDetail: answers what a test set per TaskId, fails where told, records every call. */
public final class FakeVodTasks implements VodTasks {
    private final Map<String, DescribedTask> answers = new HashMap<>();
    private final Map<String, VodApiException> failures = new HashMap<>();
    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized DescribedTask describeTask(String taskId) {
        calls.add(taskId);
        VodApiException failure = failures.get(taskId);
        if (failure != null) {
            throw failure;
        }
        DescribedTask answer = answers.get(taskId);
        if (answer == null) {
            throw new VodApiException("InvalidParameterValue.TaskId", "req-none", taskId + " does not exist", false,
                    null);
        }
        return answer;
    }

    /** The task has ended; VOD would have pushed {@code eventBody}. */
    synchronized FakeVodTasks ended(String taskId, String eventBody) {
        answers.put(taskId, new DescribedTask("Procedure", "FINISH", Optional.of(eventBody), "req-" + taskId));
        failures.remove(taskId);
        return this;
    }

    synchronized FakeVodTasks running(String taskId) {
        answers.put(taskId, new DescribedTask("Procedure", "PROCESSING", Optional.empty(), "req-" + taskId));
        return this;
    }

    synchronized FakeVodTasks failing(String taskId, String code) {
        failures.put(taskId, new VodApiException(code, "req-fail", "injected " + code, true, null));
        return this;
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }
}
