package dev.vodhook.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The harmless event {@code vodhook setup} sends to a callback URL to test it:
 * {@code {"EventType":"VodhookSetupProbe","VodhookSetupProbeEvent":{"Nonce":"..."},"Sign":"..","T":".."}}.
 * VOD never sends this type; a vodhook receiver answers it after its token and signature checks, records its
 * nonce for the operator API, and never stores it as an event or processes it.
 */
public final class SetupProbe {
    public static final String EVENT_TYPE = "VodhookSetupProbe";
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private SetupProbe() {
    }

    /** The probe's body, signed as VOD signs a push: {@code Sign = MD5(key + T)} (see the signing module). */
    public static String body(String nonce, Optional<String> sign, Optional<Long> t) {
        if (!validNonce(nonce)) {
            throw new IllegalArgumentException("a probe nonce is 8 to 64 letters, digits or dashes");
        }
        StringBuilder json = new StringBuilder("{\"EventType\":\"" + EVENT_TYPE + "\",\"" + EVENT_TYPE
                + "Event\":{\"Nonce\":\"" + nonce + "\"}");
        sign.ifPresent(s -> json.append(",\"Sign\":\"").append(s.replaceAll("[^0-9a-fA-F]", "")).append('"'));
        t.ifPresent(v -> json.append(",\"T\":\"").append(v).append('"'));
        return json.append('}').toString();
    }

    /** The nonce when the event is a probe with a well-formed one. */
    public static Optional<String> nonce(VodEvent event) {
        if (!EVENT_TYPE.equals(event.eventType())) {
            return Optional.empty();
        }
        return Optional.of(event.payload().path("Nonce").asText("")).filter(SetupProbe::validNonce);
    }

    public static boolean isProbe(VodEvent event) {
        return EVENT_TYPE.equals(event.eventType());
    }

    public static boolean validNonce(String nonce) {
        return nonce != null && NONCE.matcher(nonce).matches();
    }
}
