package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.qcloud.vod.VodUploadClient;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.CreateProcedureTemplateRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeProcedureTemplatesRequest;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit extension: one local VOD per class or per test, SDK clients and the journal as parameters. */
class LocalVodExtensionTest {

    @RegisterExtension
    static final LocalVodExtension vod = LocalVodExtension.create(config -> config.withPushLoop(false));

    private static final Set<Integer> perTestPorts = new HashSet<>();

    @Test
    void testMethodsGetTheRunningEmulatorAndClientsPointedAtIt(LocalVod local, VodClient client,
                                                               VodUploadClient uploader, DeliveryJournal journal,
                                                               Faults faults) throws Exception {
        assertThat(local).isSameAs(vod.localVod());
        assertThat(journal).isSameAs(vod.deliveries());
        assertThat(faults).isSameAs(vod.faults());
        assertThat(uploader).isNotNull();
        assertThat(client.DescribeEventConfig(new DescribeEventConfigRequest()).getMode()).isEqualTo("PUSH");
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
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class PerTest {

        @RegisterExtension
        final LocalVodExtension own = LocalVodExtension.create();

        @Test
        @Order(1)
        void getsItsOwnEmulator() throws Exception {
            assertThat(own.localVod()).isNotSameAs(vod.localVod());
            perTestPorts.add(own.localVod().port());
            CreateProcedureTemplateRequest request = new CreateProcedureTemplateRequest();
            request.setName("OnlyHere");
            request.setMediaProcessTask(ProcessMediaTest.request("0", 100010).getMediaProcessTask());
            own.client().CreateProcedureTemplate(request);
        }

        @Test
        @Order(2)
        void startsEmptyAgain() throws Exception {
            perTestPorts.add(own.localVod().port());
            DescribeProcedureTemplatesRequest request = new DescribeProcedureTemplatesRequest();
            request.setType("Custom");

            assertThat(own.client().DescribeProcedureTemplates(request).getTotalCount()).isZero();
            assertThat(perTestPorts).hasSize(2);
        }
    }
}
