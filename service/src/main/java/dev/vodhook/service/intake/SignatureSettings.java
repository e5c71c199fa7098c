package dev.vodhook.service.intake;

import java.time.Duration;
import java.util.List;

/**
 * Whether callbacks must carry VOD's {@code Sign}/{@code T} (vod-protocol.md §3.2.4), and how it is checked.
 *
 * @param keys the application's SignKey; more than one during a rotation (the new one and the previous
 *             one). Empty: callbacks are not checked
 * @param skew how far the clocks of VOD and the receiver may differ: {@code T} may be this much past, and
 *             at most 10 minutes plus this ahead
 */
public record SignatureSettings(List<String> keys, Duration skew) {

    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

    public SignatureSettings {
        keys = keys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        for (int i = 0; i < keys.size(); i++) {
            if (!keys.get(i).matches("[A-Za-z0-9]{1,32}")) {
                // never the key itself in the message: it is a secret
                throw new IllegalArgumentException("sign-key " + (i + 1) + " of " + keys.size() + " is not a VOD"
                        + " SignKey (1 to 32 letters and digits; several are separated by commas)");
            }
        }
        if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("sign-skew must be 0 to 10 minutes: " + skew);
        }
    }

    /** No key: callbacks are not checked; 60 s skew once there is one. */
    public static SignatureSettings defaults() {
        return new SignatureSettings(List.of(), DEFAULT_SKEW);
    }

    /** @param value one key, or several separated by commas */
    public SignatureSettings withKeys(String value) {
        return new SignatureSettings(value == null ? List.of() : List.of(value.split(",")), skew);
    }

    public SignatureSettings withSkew(Duration value) {
        return new SignatureSettings(keys, value);
    }

    public boolean required() {
        return !keys.isEmpty();
    }

    @Override
    public String toString() {
        return keys.isEmpty() ? "(none)" : keys.size() + " key(s) ****, skew " + skew;
    }
}
