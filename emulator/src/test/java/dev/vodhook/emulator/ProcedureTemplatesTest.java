package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.CreateProcedureTemplateRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeProcedureTemplatesRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeProcedureTemplatesResponse;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskInput;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskResult;
import com.tencentcloudapi.vod.v20180717.models.ProcedureTemplate;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaByProcedureRequest;
import com.tencentcloudapi.vod.v20180717.models.SampleSnapshotTaskInput;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CreateProcedureTemplate and DescribeProcedureTemplates through the official SDK; a custom flow at upload, its
 * NewFileUpload read from the delivery journal of the {@link LocalVodExtension}.
 */
class ProcedureTemplatesTest {

    @RegisterExtension
    static final LocalVodExtension local = LocalVodExtension.create();
    private static VodClient client;

    @BeforeAll
    static void client(VodClient sdk) {
        client = sdk;
    }

    @Test
    void thePresetsAreListed() throws Exception {
        DescribeProcedureTemplatesRequest request = new DescribeProcedureTemplatesRequest();
        request.setType("Preset");

        DescribeProcedureTemplatesResponse response = client.DescribeProcedureTemplates(request);

        ProcedureTemplate preset = Arrays.stream(response.getProcedureTemplateSet())
                .filter(t -> t.getName().equals("LongVideoPreset")).findFirst().orElseThrow();
        assertThat(preset.getType()).isEqualTo("Preset");
        assertThat(preset.getMediaProcessTask().getTranscodeTaskSet()).extracting(t -> t.getDefinition())
                .containsExactly(100010L, 100020L);
        assertThat(preset.getMediaProcessTask().getCoverBySnapshotTaskSet()).hasSize(1);
        assertThat(response.getTotalCount()).isEqualTo(response.getProcedureTemplateSet().length);
    }

    @Test
    void aCustomFlowIsListedAndRunsAfterAnUploadThatNamesIt() throws Exception {
        create("Thumbs", "100010 and samples", 100010);

        ProcedureTemplate listed = describe(new String[] {"Thumbs"}, "Custom", null, null).getProcedureTemplateSet()[0];
        assertThat(listed.getComment()).isEqualTo("100010 and samples");
        assertThat(listed.getCreateTime()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(listed.getMediaProcessTask().getSampleSnapshotTaskSet()[0].getDefinition()).isEqualTo(10L);

        String fileId = DirectUpload.upload(local.localVod(), TestClips.clip(160, 90), "Thumbs").getFileId();

        JsonNode upload = await().atMost(Duration.ofSeconds(60)).until(() -> local.deliveries()
                .ofType("NewFileUpload").stream().filter(d -> d.status().equals(Delivery.DELIVERED))
                .map(d -> d.body().path("FileUploadEvent")).filter(e -> e.path("FileId").asText().equals(fileId))
                .findFirst().orElse(null), e -> e != null);
        var results = Tasks.awaitFinished(client, upload.path("ProcedureTaskId").asText()).getProcedureTask()
                .getMediaProcessResultSet();
        assertThat(results).extracting(MediaProcessTaskResult::getType).containsExactly("Transcode", "SampleSnapshot");
        assertThat(results[1].getSampleSnapshotTask().getStatus()).isEqualTo("SUCCESS");
    }

    @Test
    void processMediaByProcedureRunsACustomFlow() throws Exception {
        create("ByName", "", 100010);
        String fileId = DirectUpload.upload(local.localVod(), TestClips.clip(160, 90)).getFileId();
        ProcessMediaByProcedureRequest request = new ProcessMediaByProcedureRequest();
        request.setFileId(fileId);
        request.setProcedureName("ByName");

        var results = Tasks.awaitFinished(client, client.ProcessMediaByProcedure(request).getTaskId())
                .getProcedureTask().getMediaProcessResultSet();

        assertThat(results).extracting(MediaProcessTaskResult::getType).containsExactly("Transcode", "SampleSnapshot");
    }

    @Test
    void namesAreUniqueAndTemplatesAreChecked() throws Exception {
        create("Unique", "", 100010);

        assertThat(sdkError(() -> create("Unique", "", 100020)).getErrorCode())
                .isEqualTo("InvalidParameter.ExistedProcedureName");
        assertThat(sdkError(() -> create("LongVideoPreset", "", 100020)).getErrorCode())
                .isEqualTo("InvalidParameter.ExistedProcedureName");
        assertThat(sdkError(() -> create("NoSuchTemplate", "", 123)).getErrorCode()).isEqualTo("InvalidParameterValue");
        assertThat(sdkError(() -> create("x".repeat(21), "", 100010)).getErrorCode()).isEqualTo("InvalidParameter");
        assertThat(describe(new String[] {"NoSuchTemplate"}, null, null, null).getTotalCount()).isZero();
        CreateProcedureTemplateRequest empty = new CreateProcedureTemplateRequest();
        empty.setName("Empty");
        assertThat(sdkError(() -> client.CreateProcedureTemplate(empty)).getErrorCode()).isEqualTo("MissingParameter");
    }

    @Test
    void listsArePagedAndFiltered() throws Exception {
        for (String name : new String[] {"PageA", "PageB", "PageC"}) {
            create(name, "", 100010);
        }

        DescribeProcedureTemplatesResponse page = describe(new String[] {"PageA", "PageB", "PageC", "Absent"}, null, 1L,
                1L);

        assertThat(page.getTotalCount()).isEqualTo(3L);
        assertThat(page.getProcedureTemplateSet()).extracting(ProcedureTemplate::getName).containsExactly("PageB");
        assertThat(sdkError(() -> describe(null, "Mine", null,
                null)).getErrorCode()).isEqualTo("InvalidParameterValue");
        assertThat(sdkError(() -> describe(null, null, null, 101L)).getErrorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void anUploadNamingAnUnknownFlowIsRefused(LocalVod vod) {
        assertThat(sdkError(() -> DirectUpload.upload(vod, TestClips.clip(160, 90), "NotAFlow")).getErrorCode())
                .isEqualTo("InvalidParameterValue");
    }

    private static void create(String name, String comment, long definition) throws Exception {
        MediaProcessTaskInput task = ProcessMediaTest.request("0", definition).getMediaProcessTask();
        SampleSnapshotTaskInput samples = new SampleSnapshotTaskInput();
        samples.setDefinition(10L);
        task.setSampleSnapshotTaskSet(new SampleSnapshotTaskInput[] {samples});
        CreateProcedureTemplateRequest request = new CreateProcedureTemplateRequest();
        request.setName(name);
        request.setComment(comment);
        request.setMediaProcessTask(task);
        client.CreateProcedureTemplate(request);
    }

    private static DescribeProcedureTemplatesResponse describe(String[] names, String type, Long offset, Long limit)
            throws Exception {
        DescribeProcedureTemplatesRequest request = new DescribeProcedureTemplatesRequest();
        request.setNames(names);
        request.setType(type);
        request.setOffset(offset);
        request.setLimit(limit);
        return client.DescribeProcedureTemplates(request);
    }
}
