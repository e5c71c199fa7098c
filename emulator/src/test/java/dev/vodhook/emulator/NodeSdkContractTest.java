package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import dev.vodhook.testkit.NodeProject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tencent's official Node SDK ({@code tencentcloud-sdk-nodejs-vod}, src/test/node) against the local VOD. It signs
 * the host without its port (vod-protocol.md §1.3) and sends {@code application/json} without a charset. Skipped
 * without node and npm on PATH unless {@code VODHOOK_REQUIRE_NODE=1}.
 */
class NodeSdkContractTest {

    @RegisterExtension
    static final LocalVodExtension vod = LocalVodExtension.create();
    private static String fileId;
    private static NodeProject node;

    @BeforeAll
    static void installAndUpload() throws Exception {
        node = NodeProject.of("node-contract", "the Node SDK contract test").install();
        fileId = DirectUpload.upload(vod.localVod(), TestClips.clip(160, 90)).getFileId();
    }

    @Test
    void describeMediaInfos() throws Exception {
        JsonNode answer = node("describe-media-infos.js").path("ok");

        assertThat(answer.path("MediaInfoSet")).hasSize(1);
        JsonNode media = answer.path("MediaInfoSet").get(0);
        assertThat(media.path("FileId").asText()).isEqualTo(fileId);
        assertThat(media.path("BasicInfo").path("MediaUrl").asText()).startsWith(vod.localVod().baseUrl());
        assertThat(media.path("MetaData").path("Width").asLong()).isEqualTo(160);
        assertThat(answer.path("NotExistFileIdSet")).extracting(JsonNode::asText).containsExactly("1");
        assertThat(answer.path("RequestId").asText()).isNotEmpty();
    }

    @Test
    void processMedia() throws Exception {
        String taskId = node("process-media.js").path("ok").path("TaskId").asText();

        assertThat(taskId).startsWith(vod.localVod().config().appId() + "-procedurev2-");
        DescribeTaskDetailResponse detail = Tasks.awaitFinished(vod.client(), taskId);
        assertThat(detail.getProcedureTask().getSessionContext()).isEqualTo("from-node");
        assertThat(detail.getProcedureTask().getMediaProcessResultSet()[0].getTranscodeTask().getStatus())
                .isEqualTo("SUCCESS");
    }

    @Test
    void aWrongKeyIsASignatureFailure() throws Exception {
        JsonNode error = node("bad-key.js").path("error");

        assertThat(error.path("code").asText()).isEqualTo("AuthFailure.SignatureFailure");
        assertThat(error.path("requestId").asText()).isNotEmpty();
    }

    private static JsonNode node(String script) throws Exception {
        LocalVod local = vod.localVod();
        return node.node(script, Map.of("VOD_ENDPOINT", local.endpoint(), "SECRET_ID",
                local.config().secretId(), "SECRET_KEY", local.config().secretKey(), "FILE_ID", fileId));
    }
}
