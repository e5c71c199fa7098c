package dev.vodhook.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.signing.CallbackSignature.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known-answer vectors computed independently ({@code echo -n "$KEY$T" | md5sum}), then the checks around them. */
class CallbackSignatureTest {

    private static final String KEY = "SignKeyExample01";
    private static final long T = 1700000600L;
    /** md5("SignKeyExample01" + "1700000600"). */
    private static final String SIGN = "fc3e9679515d736f7a59668be35d7512";
    /** Ten minutes before T: when VOD made the push. */
    private static final Instant SENT = Instant.ofEpochSecond(T).minus(CallbackSignature.VALIDITY);
    private static final Duration SKEW = Duration.ofSeconds(60);

    @Test
    void signIsLowercaseHexMd5OfKeyThenT() {
        assertThat(CallbackSignature.sign(KEY, T)).isEqualTo(SIGN);
        assertThat(CallbackSignature.sign("k8Zp2Qw9Lm4Xr7Tb",
                1716193562L)).isEqualTo("84ac5e0312237da138b40e422bc192b9");
    }

    @Test
    void theKnownAnswerVerifies() {
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN, "1700000600", SENT, SKEW)).isEqualTo(Verdict.VALID);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN.toUpperCase(), " 1700000600 ", SENT, SKEW))
                .as("hex case and surrounding blanks do not matter").isEqualTo(Verdict.VALID);
    }

    @Test
    void everyKeyOfARotationIsAccepted() {
        // md5("previousKey2" + "1700000600")
        String signedWithOld = "6fecd66ca25c1278da11f5ab9745ece0";
        assertThat(CallbackSignature.verify(List.of(KEY, "previousKey2"), signedWithOld, "1700000600", SENT, SKEW))
                .isEqualTo(Verdict.VALID);
        assertThat(CallbackSignature.verify(List.of(KEY, "previousKey2"), SIGN, "1700000600", SENT, SKEW))
                .isEqualTo(Verdict.VALID);
        assertThat(CallbackSignature.verify(List.of(KEY), signedWithOld, "1700000600", SENT, SKEW))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aWrongSignOrAnotherTIsAMismatch() {
        assertThat(CallbackSignature.verify(List.of("anotherKey"), SIGN, "1700000600", SENT, SKEW))
                .isEqualTo(Verdict.MISMATCH);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN, "1700000601", SENT, SKEW)).isEqualTo(Verdict.MISMATCH);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN.substring(1), "1700000600", SENT, SKEW))
                .isEqualTo(Verdict.MISMATCH);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN, "17e8", SENT, SKEW)).isEqualTo(Verdict.MISMATCH);
        assertThat(CallbackSignature.verify(List.of(), SIGN, "1700000600", SENT, SKEW)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void anAbsentOrBlankSignOrTIsMissing() {
        assertThat(CallbackSignature.verify(List.of(KEY), null, "1700000600", SENT, SKEW)).isEqualTo(Verdict.MISSING);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN, null, SENT, SKEW)).isEqualTo(Verdict.MISSING);
        assertThat(CallbackSignature.verify(List.of(KEY), " ", "1700000600", SENT, SKEW)).isEqualTo(Verdict.MISSING);
    }

    @Test
    void tMayBePastByTheSkewButNoMore() {
        Instant expiry = Instant.ofEpochSecond(T);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN, "1700000600", expiry, SKEW)).isEqualTo(Verdict.VALID);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN, "1700000600", expiry.plus(SKEW), SKEW))
                .isEqualTo(Verdict.VALID);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN, "1700000600", expiry.plus(SKEW).plusSeconds(1), SKEW))
                .isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void tMayBeTenMinutesAndTheSkewAheadButNoMore() {
        Instant earliest = SENT.minus(SKEW);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN, "1700000600", earliest, SKEW)).isEqualTo(Verdict.VALID);
        assertThat(CallbackSignature.verify(List.of(KEY), SIGN, "1700000600", earliest.minusSeconds(1), SKEW))
                .isEqualTo(Verdict.EXPIRED);
    }
}
