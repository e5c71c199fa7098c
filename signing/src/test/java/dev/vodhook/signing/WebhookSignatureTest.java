package dev.vodhook.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.signing.WebhookSignature.Verification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sign and verify pinned by the Standard Webhooks reference vector (its libraries' own tests use it). */
class WebhookSignatureTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long TIMESTAMP = 1614265330;
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final Instant SIGNED = Instant.ofEpochSecond(TIMESTAMP);

    @Test
    void signsTheReferenceVector() {
        assertThat(WebhookSignature.sign(WebhookSignature.key(SECRET), ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void verifiesTheReferenceVectorWithinTheTolerance() {
        List<byte[]> keys = List.of(WebhookSignature.key(SECRET));
        assertThat(verify(keys, EXPECTED, BODY, SIGNED.plusSeconds(299))).isEqualTo(Verification.VALID);
        assertThat(verify(keys, EXPECTED, BODY, SIGNED.plusSeconds(301))).isEqualTo(Verification.OUT_OF_TOLERANCE);
        assertThat(verify(keys, EXPECTED, BODY, SIGNED.minusSeconds(301))).isEqualTo(Verification.OUT_OF_TOLERANCE);
        assertThat(verify(keys, EXPECTED, "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8), SIGNED))
                .as("one byte of the body changed").isEqualTo(Verification.BAD_SIGNATURE);
        assertThat(verify(keys, "v1,AAAA not-base64!", BODY, SIGNED)).isEqualTo(Verification.BAD_SIGNATURE);
        assertThat(WebhookSignature.verify(keys, ID, "soon", EXPECTED, BODY, SIGNED, Duration.ofMinutes(5)))
                .isEqualTo(Verification.MALFORMED);
    }

    @Test
    void duringARotationBothSecretsSignAndEitherVerifies() {
        byte[] old = WebhookSignature.key(SECRET);
        byte[] fresh = WebhookSignature.key(WebhookSignature.newSecret(new SplittableRandom(3)));
        String header = WebhookSignature.header(List.of(old, fresh), ID, TIMESTAMP, BODY);

        assertThat(header.split(" ")).hasSize(2).startsWith(EXPECTED);
        assertThat(verify(List.of(old), header, BODY, SIGNED)).isEqualTo(Verification.VALID);
        assertThat(verify(List.of(fresh), header, BODY, SIGNED)).isEqualTo(Verification.VALID);
        assertThat(verify(List.of(WebhookSignature.key(WebhookSignature.newSecret(new SplittableRandom(4)))), header,
                BODY, SIGNED)).isEqualTo(Verification.BAD_SIGNATURE);
    }

    @Test
    void refusesSecretsThatAreNotWhsecBase64() {
        assertThatThrownBy(() ->
                WebhookSignature.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> WebhookSignature.key("whsec_%%%")).hasMessageContaining("base64");
        assertThatThrownBy(() -> WebhookSignature.key("whsec_AAAA")).hasMessageContaining("24 to 64 bytes");
        assertThat(WebhookSignature.newSecret(new SplittableRandom(1))).startsWith("whsec_");
    }

    static Verification verify(List<byte[]> keys, String signatures, byte[] body, Instant now) {
        return WebhookSignature.verify(keys, ID, String.valueOf(TIMESTAMP), signatures, body, now,
                Duration.ofMinutes(5));
    }
}
