package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.qcloud.vod.VodUploadClient;
import com.qcloud.vod.model.VodUploadRequest;
import com.qcloud.vod.model.VodUploadResponse;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.CreateProcedureTemplateRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeProcedureTemplatesRequest;
import com.tencentcloudapi.vod.v20180717.models.ProcedureTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit extension: one local VOD per class or per test, SDK clients and the journal as parameters. */
class LocalVodExtensionTest {

    @RegisterExtension
    static final LocalVodExtension vod = LocalVodExtension.create(config -> config.withPushLoop(false));

    /** The local VOD each test of {@link PerTest} got, in the order they ran. */
    private static final List<LocalVod> perTestInstances = new ArrayList<>();

    @Test
    void testMethodsGetTheRunningEmulatorAndClientsPointedAtIt(LocalVod local, VodClient client,
                                                               VodUploadClient uploader, DeliveryJournal journal,
                                                               Faults faults) throws Exception {
        assertThat(local).isSameAs(vod.localVod());
        assertThat(journal).isSameAs(vod.deliveries());
        assertThat(faults).isSameAs(vod.faults());
        assertThat(client.DescribeEventConfig(new DescribeEventConfigRequest()).getMode()).isEqualTo("PUSH");

        VodUploadRequest request = new VodUploadRequest();
        request.setMediaFilePath(TestClips.clip(160, 90).toString());
        request.setMediaName("through-the-parameter");
        VodUploadResponse uploaded = uploader.upload("ap-guangzhou", request);
        local.runDuePushes();

        assertThat(local.fileIds()).as("uploaded to this emulator").contains(uploaded.getFileId());
        assertThat(uploaded.getMediaUrl()).startsWith(local.baseUrl() + "/");
        assertThat(journal.ofType("NewFileUpload")).filteredOn(d -> d.body().path("FileUploadEvent").path("FileId")
                .asText().equals(uploaded.getFileId())).singleElement().satisfies(d -> assertThat(d.body()
                .path("FileUploadEvent").path("MediaBasicInfo").path("Name").asText())
                        .isEqualTo("through-the-parameter"));
    }

    @Test
    void eventsArePushedToTheEmulatorsOwnCallbackAndJournaled() throws Exception {
        String fileId = DirectUpload.upload(vod.localVod(), TestClips.clip(160, 90)).getFileId();
        vod.localVod().runDuePushes();

        Delivery upload = vod.deliveries().ofType("NewFileUpload").getLast();
        assertThat(upload.url()).isEqualTo(vod.localVod().baseUrl() + "/_emulator/callback");
        assertThat(upload.status()).isEqualTo(Delivery.DELIVERED);
        assertThat(upload.body().path("FileUploadEvent").path("FileId").asText()).isEqualTo(fileId);
        assertThat(vod.client().DescribeEventConfig(new DescribeEventConfigRequest()).getNotificationUrl())
                .isEqualTo(upload.url());
    }

    /** On an instance field: a fresh local VOD for every test, stopped after it. */
    @Nested
    class PerTest {

        @RegisterExtension
        final LocalVodExtension own = LocalVodExtension.create();

        /**
         * Each repetition finds no template of the one before and a local VOD that is not the earlier one; whichever
         * runs second would fail if the instance were shared.
         */
        @RepeatedTest(2)
        void eachTestGetsItsOwnEmulatorWithNothingOfTheTestBefore() throws Exception {
            LocalVod mine = own.localVod();
            assertThat(mine).isNotSameAs(vod.localVod());
            assertThat(perTestInstances).noneMatch(earlier -> earlier == mine);
            assertThat(customTemplates()).as("nothing made by an earlier test").isEmpty();
            perTestInstances.add(mine);

            CreateProcedureTemplateRequest request = new CreateProcedureTemplateRequest();
            request.setName("OnlyHere");
            request.setMediaProcessTask(ProcessMediaTest.request("0", 100010).getMediaProcessTask());
            own.client().CreateProcedureTemplate(request);

            assertThat(customTemplates()).containsExactly("OnlyHere");
        }

        private List<String> customTemplates() throws Exception {
            DescribeProcedureTemplatesRequest request = new DescribeProcedureTemplatesRequest();
            request.setType("Custom");
            return Arrays.stream(own.client().DescribeProcedureTemplates(request).getProcedureTemplateSet())
                    .map(ProcedureTemplate::getName).toList();
        }
    }
}
