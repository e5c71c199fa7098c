package dev.vodhook.service.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.vodhook.events.EventParser;
import dev.vodhook.service.http.HttpProblem;
import dev.vodhook.signing.CallbackSignature.Verdict;
import dev.vodhook.signing.CallbackSignature;
import java.io.IOException;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Checks VOD's {@code Sign}/{@code T} on a callback's raw bytes, before anything else reads them
 * (vod-protocol.md §3.2.4). Where VOD puts them is not confirmed, so they are taken from the top-level
 * body keys {@code Sign}/{@code T}, else {@code sign}/{@code t}, else the same-named headers.
 */
public final class CallbackSignatureCheck {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(EventParser.MAX_DEPTH).build())
            .build();

    private final SignatureSettings settings;
    private final Clock clock;

    public CallbackSignatureCheck(SignatureSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    boolean required() {
        return settings.required();
    }

    /**
     * @param header a request header by (case-insensitive) name, or null
     * @throws HttpProblem 401 {@code SignatureMissing}, {@code SignatureMismatch} or {@code SignatureExpired}
     */
    void verify(byte[] body, UnaryOperator<String> header) {
        if (!settings.required()) {
            return;
        }
        String[] found = topLevelSignature(body);
        String sign = found[0] != null ? found[0] : header.apply("Sign");
        String t = found[1] != null ? found[1] : header.apply("T");
        Verdict verdict = CallbackSignature.verify(settings.keys(), sign, t, clock.instant(), settings.skew());
        switch (verdict) {
            case VALID -> { }
            case MISSING -> throw new HttpProblem(401, "SignatureMissing", "this receiver takes only signed callbacks:"
                    + " Sign and T are missing (set the application's SignKey with ModifyEventConfig)");
            case MISMATCH -> throw new HttpProblem(401, "SignatureMismatch",
                    "Sign is not MD5(SignKey + T) for the configured SignKey");
            case EXPIRED -> throw new HttpProblem(401, "SignatureExpired", "T is past, or more than "
                    + CallbackSignature.VALIDITY.toMinutes() + " minutes ahead (allowing " + settings.skew().toSeconds()
                    + " s of clock skew)");
        }
    }

    /**
     * {@code [Sign, T]} from the body's top level ({@code Sign}/{@code T} first, then {@code sign}/{@code t}),
     * null where absent. A body that is not a JSON object, or breaks off, gives what was found before.
     */
    static String[] topLevelSignature(byte[] body) {
        String sign = null;
        String t = null;
        String lowerSign = null;
        String lowerT = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new String[2];
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                String text = value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT ? p.getText() : null;
                switch (name) {
                    case "Sign" -> sign = sign == null ? text : sign;
                    case "T" -> t = t == null ? text : t;
                    case "sign" -> lowerSign = lowerSign == null ? text : lowerSign;
                    case "t" -> lowerT = lowerT == null ? text : lowerT;
                    default -> { }
                }
            }
        } catch (IOException e) {
            // not JSON, or not to the end: the parser refuses it later; what was found counts
        }
        return new String[] {sign != null ? sign : lowerSign, t != null ? t : lowerT};
    }
}
