package dev.vodhook.service.vod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vodhook.service.TestEvents;
import dev.vodhook.service.handlers.RecordProcedureResultsTest;
import dev.vodhook.service.reconcile.TaskDetail;
import dev.vodhook.testkit.Samples;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The official SDK against a tiny server that answers like VOD: requests, answers, error mapping. */
class VodApiTest {
    static final List<Integer> DEFINITIONS = List.of(100010, 100020);

    /** What the fake VOD answers next: HTTP status and body, or (held) nothing until the test has ended. */
    record Answer(int status, String body, boolean held) {}

    HttpServer server;
    volatile Answer answer;
    final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    volatile String lastBody;
    /** Lets a held answer go, once the test is over. */
    final CountDownLatch testOver = new CountDownLatch(1);

    @BeforeEach
    void startFakeVod() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestHeaders().forEach((k, v) -> lastHeaders.put(k.toLowerCase(), v.getFirst()));
            lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer a = answer;
            if (a.held()) {
                try {
                    testOver.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(a.status(), out.length);
                exchange.getResponseBody().write(out);
            } catch (IOException gone) {
                // the client gave up (timeout test)
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopFakeVod() {
        testOver.countDown();
        server.stop(0);
    }

    VodApi api(Duration timeout) {
        return VodApi.create(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "AKIDtest", "secret",
                "ap-guangzhou", Optional.of(1500012345L), timeout);
    }

    void answer(String responseJson) {
        answer = new Answer(200, responseJson, false);
    }

    static String error(String code, String requestId) {
        return "{\"Response\":{\"Error\":{\"Code\":\"" + code + "\",\"Message\":\"msg for " + code + "\"},"
                + "\"RequestId\":\"" + requestId + "\"}}";
    }

    @Test
    void processMediaSendsTheTranscodeTaskAndReturnsTheTaskId() throws Exception {
        answer(Samples.text("api-ProcessMedia-response.json"));

        ProcessMediaResult result = api(Duration.ofSeconds(60)).processMedia("5285890813874512345", DEFINITIONS,
                "vodhook-abc", "{\"vodhookEventId\":7}");

        assertThat(result).isEqualTo(ProcessMediaResult.started(
                "1500012345-procedurev2-6e3c1f0a9b8d7c6e5f4a3b2c1d0e9f8at0", "6ca31e3a-6b8e-4b4e-9256-fdc700064ef3"));
        assertThat(lastHeaders).containsEntry("x-tc-action", "ProcessMedia")
                .containsEntry("x-tc-version", "2018-07-17")
                .containsEntry("x-tc-region", "ap-guangzhou")
                .containsEntry("host", "127.0.0.1:" + server.getAddress().getPort());
        assertThat(lastHeaders.get("authorization")).startsWith("TC3-HMAC-SHA256 Credential=AKIDtest/");
        JsonNode body = new ObjectMapper().readTree(lastBody);
        assertThat(body.path("FileId").asText()).isEqualTo("5285890813874512345");
        assertThat(body.path("FileId").isTextual()).isTrue();
        assertThat(body.path("SubAppId").asLong()).isEqualTo(1500012345L);
        assertThat(body.path("SessionId").asText()).isEqualTo("vodhook-abc");
        assertThat(body.path("SessionContext").asText()).isEqualTo("{\"vodhookEventId\":7}");
        assertThat(body.path("MediaProcessTask").path("TranscodeTaskSet").findValuesAsText("Definition"))
                .containsExactly("100010", "100020");
    }

    @Test
    void aRepeatedSessionIdMeansTheTaskWasAlreadyStarted() {
        answer(error("InvalidParameterValue.SessionId", "req-dup"));

        ProcessMediaResult result = api(Duration.ofSeconds(60)).processMedia("1", DEFINITIONS, "vodhook-abc", "");

        assertThat(result).isEqualTo(ProcessMediaResult.alreadySubmitted("req-dup"));
    }

    @ParameterizedTest
    @CsvSource({
        "InternalError, true",
        "InternalError.GetMediaListError, true",
        "RequestLimitExceeded, true",
        "ResourceUnavailable, true",
        "FailedOperation, true",
        "InvalidParameterValue.FileId, false",
        "FailedOperation.InvalidVodUser, false",
        "ResourceNotFound, false",
        "UnauthorizedOperation, false",
        "InvalidParameterValue.SessionIdTooLong, false"})
    void vodErrorsAreMappedWithTheirCodeRequestIdAndRetryability(String code, boolean retryable) {
        answer(error(code, "req-42"));

        assertThatThrownBy(() -> api(Duration.ofSeconds(60)).processMedia("1", DEFINITIONS, "s", ""))
                .isInstanceOfSatisfying(VodApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.requestId()).isEqualTo("req-42");
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).contains("msg for " + code).contains("req-42");
                });
    }

    @Test
    void anAuthenticationFailureNeedsAPerson() {
        answer(Samples.text("api-error-response.json"));

        assertThatThrownBy(() -> api(Duration.ofSeconds(60)).processMedia("1", DEFINITIONS, "s", ""))
                .isInstanceOfSatisfying(VodApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("AuthFailure.SignatureFailure");
                    assertThat(e.requestId()).isEqualTo("ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void aNon200AnswerIsAServerSideErrorWorthRetrying() {
        answer = new Answer(502, "<html>bad gateway</html>", false);

        assertThatThrownBy(() -> api(Duration.ofSeconds(60)).processMedia("1", DEFINITIONS, "s", ""))
                .isInstanceOfSatisfying(VodApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("ServerSideError");
                    assertThat(e.requestId()).isEmpty();
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void aTimeoutIsATransportErrorWorthRetrying() {
        answer = new Answer(200, error("InternalError", "late"), true); // never in time, however long it takes

        assertThatThrownBy(() -> api(Duration.ofSeconds(1)).processMedia("1", DEFINITIONS, "s", ""))
                .isInstanceOfSatisfying(VodApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("Transport");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void anUnreachableEndpointIsATransportErrorWorthRetrying() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        VodApi api = VodApi.create(URI.create("http://127.0.0.1:" + closedPort), "AKIDtest", "secret", "ap-guangzhou",
                Optional.empty(), Duration.ofSeconds(2));

        assertThatThrownBy(() -> api.processMedia("1", DEFINITIONS, "s", ""))
                .isInstanceOfSatisfying(VodApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("Transport");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void anEndpointWithAPathIsRefused() {
        assertThatThrownBy(() -> VodApi.create(URI.create("http://127.0.0.1:9000/vod"), "id", "key", "ap-guangzhou",
                Optional.empty(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme://host[:port]");
    }

    @Test
    void processMediaByProcedureSendsTheTemplateAndSessionAndReturnsTheTaskId() throws Exception {
        answer("{\"Response\":{\"TaskId\":\"1500012345-procedurev2-abc\",\"RequestId\":\"req-p\"}}");

        ProcessMediaResult result = api(Duration.ofSeconds(60)).processMediaByProcedure("5285890813874512345",
                "LongVideoPreset", "vodhook-def", "{\"vodhookEventId\":8}");

        assertThat(result).isEqualTo(ProcessMediaResult.started("1500012345-procedurev2-abc", "req-p"));
        assertThat(lastHeaders).containsEntry("x-tc-action", "ProcessMediaByProcedure");
        JsonNode body = new ObjectMapper().readTree(lastBody);
        assertThat(body.path("FileId").asText()).isEqualTo("5285890813874512345");
        assertThat(body.path("ProcedureName").asText()).isEqualTo("LongVideoPreset");
        assertThat(body.path("SessionId").asText()).isEqualTo("vodhook-def");
        assertThat(body.path("SessionContext").asText()).isEqualTo("{\"vodhookEventId\":8}");
        assertThat(body.path("SubAppId").asLong()).isEqualTo(1500012345L);
    }

    @Test
    void aRepeatedProcedureSessionIdMeansTheFlowWasAlreadyStarted() {
        answer(error("InvalidParameterValue.SessionId", "req-dup"));

        assertThat(api(Duration.ofSeconds(60)).processMediaByProcedure("1", "LongVideoPreset", "s", ""))
                .isEqualTo(ProcessMediaResult.alreadySubmitted("req-dup"));
        answer(error("InvalidParameterValue.ProcedureName", "req-x"));
        assertThatThrownBy(() -> api(Duration.ofSeconds(60)).processMediaByProcedure("1", "Nope", "s", ""))
                .isInstanceOfSatisfying(VodApiException.class, e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void describeTaskTurnsAProcedureAnswerIntoTheEventVodWouldHaveSent() {
        answer(Samples.text("api-DescribeTaskDetail-response-Procedure.json"));

        TaskDetail detail = api(Duration.ofSeconds(60)).describeTask(TestEvents.SAMPLE_TASK_ID);

        assertThat(lastHeaders).containsEntry("x-tc-action", "DescribeTaskDetail");
        assertThat(lastBody).contains("\"TaskId\":\"" + TestEvents.SAMPLE_TASK_ID + "\"");
        assertThat(detail.taskType()).isEqualTo("Procedure");
        assertThat(detail.ended()).isTrue();
        assertThat(detail.requestId()).isEqualTo("62597d15-3fad-4234-af1a-ed33602a6118");
        var change = dev.vodhook.events.ProcedureStateChange.from(dev.vodhook.events.EventParser.parse(
                detail.eventBody().orElseThrow().getBytes(StandardCharsets.UTF_8)));
        assertThat(change.taskId()).isEqualTo(TestEvents.SAMPLE_TASK_ID);
        assertThat(change.fileId()).isEqualTo(TestEvents.SAMPLE_FILE_ID);
        assertThat(change.finished()).isTrue();
        assertThat(change.sessionId()).isEqualTo("job-9-transcode");
        assertThat(change.results()).singleElement().satisfies(r -> {
            assertThat(r.succeeded()).isTrue();
            assertThat(r.definition()).hasValue(100010);
            assertThat(r.outputs()).singleElement().satisfies(o -> {
                assertThat(o.url()).isEqualTo(RecordProcedureResultsTest.URL_100010);
                assertThat(o.width()).isEqualTo(640);
                assertThat(o.size()).isEqualTo(3_487_500);
            });
        });
    }

    @Test
    void anAbortedAnswerCarriesItsStatusIntoTheEventAndOtherTypesHaveNoEvent() {
        answer(Samples.text("api-DescribeTaskDetail-response-Procedure.json")
                .replace("\"Status\": \"FINISH\",\n    \"CreateTime\"", "\"Status\": \"ABORTED\",\n    \"CreateTime\""));
        TaskDetail aborted = api(Duration.ofSeconds(60)).describeTask("t");
        assertThat(aborted.status()).isEqualTo("ABORTED");
        assertThat(aborted.ended()).isTrue();
        assertThat(aborted.eventBody().orElseThrow()).contains("\"Status\":\"ABORTED\"");

        answer("{\"Response\":{\"TaskType\":\"PullUpload\",\"Status\":\"FINISH\",\"ProcedureTask\":null,"
                + "\"PullUploadTask\":{\"TaskId\":\"t-pull\"},\"RequestId\":\"r\"}}");
        TaskDetail pull = api(Duration.ofSeconds(60)).describeTask("t-pull");
        assertThat(pull.ended()).isTrue();
        assertThat(pull.eventBody()).isEmpty();

        answer(error("InvalidParameterValue.TaskId", "req-t"));
        assertThatThrownBy(() -> api(Duration.ofSeconds(60)).describeTask("unknown"))
                .isInstanceOfSatisfying(VodApiException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue.TaskId"));
    }

    @Test
    void describeMediaAsksForOneFileIdInTheSubAppIdAndFindsItOrNot() throws Exception {
        answer(Samples.text("api-DescribeMediaInfos-response.json"));
        VodApi api = api(Duration.ofSeconds(5));

        assertThat(api.describeMedia("5285890813874512345"))
                .isEqualTo(MediaLookup.found("9b7d1c2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d"));
        assertThat(lastHeaders).containsEntry("x-tc-action", "DescribeMediaInfos");
        JsonNode body = new ObjectMapper().readTree(lastBody);
        assertThat(body.path("FileIds")).hasSize(1);
        assertThat(body.path("FileIds").get(0).asText()).isEqualTo("5285890813874512345");
        assertThat(body.path("SubAppId").asLong()).isEqualTo(1500012345L);
        assertThat(body.path("Filters")).hasSize(1);
        assertThat(body.path("Filters").get(0).asText()).isEqualTo("basicInfo");

        assertThat(api.describeMedia("5285890813870000000"))
                .isEqualTo(MediaLookup.missing("9b7d1c2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d"));
    }

    @Test
    void aFileIdVodRefusesAsOneIsMissingAnAnswerWithoutItIsRetriedAndErrorsStand() {
        answer(error("InvalidParameterValue.FileIds", "req-ids"));
        assertThat(api(Duration.ofSeconds(5)).describeMedia("not a file id")).isEqualTo(MediaLookup.missing("req-ids"));

        answer("{\"Response\":{\"MediaInfoSet\":[],\"NotExistFileIdSet\":null,\"RequestId\":\"req-odd\"}}");
        assertThatThrownBy(() -> api(Duration.ofSeconds(5)).describeMedia("1"))
                .isInstanceOfSatisfying(VodApiException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.requestId()).isEqualTo("req-odd");
                    assertThat(e.getMessage()).contains("neither a MediaInfo nor NotExistFileIdSet for FileId 1");
                });

        answer(error("InternalError.GetMediaListError", "req-500"));
        assertThatThrownBy(() -> api(Duration.ofSeconds(5)).describeMedia("1"))
                .isInstanceOfSatisfying(VodApiException.class, e -> assertThat(e.retryable()).isTrue());
        answer(error("UnauthorizedOperation", "req-auth"));
        assertThatThrownBy(() -> api(Duration.ofSeconds(5)).describeMedia("1"))
                .isInstanceOfSatisfying(VodApiException.class, e -> assertThat(e.retryable()).isFalse());
    }
}
