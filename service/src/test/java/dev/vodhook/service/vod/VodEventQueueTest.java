package dev.vodhook.service.vod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.testkit.Samples;
import org.junit.jupiter.api.Test;

/** Reading PullEvents answers: every form of "no events", errors, events kept whole. */
class VodEventQueueTest {

    @Test
    void anEmptyNullOrMissingEventSetAndResourceNotFoundAreNoEvents() {
        assertThat(VodEventQueue.read("{\"Response\":{\"EventSet\":[],\"RequestId\":\"r1\"}}").events()).isEmpty();
        assertThat(VodEventQueue.read("{\"Response\":{\"EventSet\":null,\"RequestId\":\"r2\"}}").events()).isEmpty();
        assertThat(VodEventQueue.read("{\"Response\":{\"RequestId\":\"r3\"}}").requestId()).isEqualTo("r3");
        assertThat(VodEventQueue.read("{\"Response\":{\"Error\":{\"Code\":\"ResourceNotFound\",\"Message\":\"none\"},"
                + "\"RequestId\":\"r4\"}}").events()).isEmpty();
    }

    @Test
    void anErrorSaysWhetherRetryingHelps() {
        assertThatThrownBy(() -> VodEventQueue.read("{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\","
                + "\"Message\":\"slow down\"},\"RequestId\":\"r5\"}}"))
                .isInstanceOfSatisfying(VodApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("RequestLimitExceeded");
                    assertThat(e.requestId()).isEqualTo("r5");
                    assertThat(e.retryable()).isTrue();
                });
        assertThatThrownBy(() -> VodEventQueue.read("{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SignatureFailure\","
                + "\"Message\":\"bad\"},\"RequestId\":\"r6\"}}"))
                .isInstanceOfSatisfying(VodApiException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> VodEventQueue.read("<html>")).isInstanceOf(VodApiException.class);
    }

    @Test
    void eventsAreKeptWholeWithNumbersAsSent() {
        VodEventQueue.Pulled pulled = VodEventQueue.read(Samples.text("api-PullEvents-response.json"));

        assertThat(pulled.events()).isNotEmpty();
        assertThat(pulled.events().getFirst().path("EventHandle").asText()).isNotEmpty();
        VodEventQueue.Pulled exact = VodEventQueue.read("{\"Response\":{\"EventSet\":[{\"EventHandle\":\"h\","
                + "\"EventType\":\"BrandNew\",\"BrandNewEvent\":{\"Size\":12345678901234567890123,\"Ratio\":0.1}}],"
                + "\"RequestId\":\"r\"}}");
        assertThat(exact.events().getFirst().toString()).isEqualTo("{\"EventHandle\":\"h\",\"EventType\":\"BrandNew\","
                + "\"BrandNewEvent\":{\"Size\":12345678901234567890123,\"Ratio\":0.1}}");
    }
}
