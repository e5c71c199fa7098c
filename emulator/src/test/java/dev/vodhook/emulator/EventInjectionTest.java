package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.EventContent;
import com.tencentcloudapi.vod.v20180717.models.PullEventsRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code POST /_emulator/events}: injected events go where the application's events go. */
class EventInjectionTest {

    static final String UPLOAD = "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"%s\"}}";

    @Test
    void injectedEventsAreQueuedForPullEventsInPullMode() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withPullHold(Duration.ofMillis(50)))) {
            VodClient client = VodSdk.client(vod);
            PullEventsTest.usePullMode(client);

            HttpResponse<String> answer = post(vod, "[" + UPLOAD.formatted("101") + "," + UPLOAD.formatted("102")
                    + "]");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"published\":2}");
            EventContent[] events = client.PullEvents(new PullEventsRequest()).getEventSet();
            assertThat(events).extracting(e -> e.getFileUploadEvent().getFileId()).containsExactly("101", "102");
            assertThat(events[0].getEventHandle()).isNotBlank();
        }
    }

    @Test
    void injectedEventsArePushedInPushMode() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver();
                LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withNotificationUrl(receiver.url())
                        .withPushLoop(false))) {
            assertThat(vod.publishEvents(UPLOAD.formatted("201"))).isEqualTo(1);
            vod.runDuePushes();

            assertThat(receiver.bodiesOf("NewFileUpload")).singleElement()
                    .satisfies(b -> assertThat(b.path("FileUploadEvent").path("FileId").asText()).isEqualTo("201"));
        }
    }

    @Test
    void aBodyThatIsNotEventsIs400AndPublishesNothing() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults())) {
            HttpResponse<String> noType = post(vod, "[" + UPLOAD.formatted("1") + ",{\"FileUploadEvent\":{}}]");
            HttpResponse<String> notJson = post(vod, "{");

            assertThat(noType.statusCode()).isEqualTo(400);
            assertThat(noType.body()).contains("EventType");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(vod.deliveries().all()).isEmpty();
            assertThatThrownBy(() -> vod.publishEvents("42")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static HttpResponse<String> post(LocalVod vod, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(vod.baseUrl() + "/_emulator/events"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
