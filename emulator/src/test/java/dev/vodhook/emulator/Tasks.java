package dev.vodhook.emulator;

import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import java.time.Duration;

/** Waits for tasks through DescribeTaskDetail, as a client without events would. */
final class Tasks {

    private Tasks() {
    }

    static DescribeTaskDetailResponse awaitFinished(VodClient client, String taskId) {
        DescribeTaskDetailRequest request = new DescribeTaskDetailRequest();
        request.setTaskId(taskId);
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.DescribeTaskDetail(request), d -> "FINISH".equals(d.getStatus()));
    }
}
