package dev.vodhook.service.intake;

import java.util.Locale;

/**
 * How events reach the receiver: VOD posts them (normal callback), the receiver pulls them
 * (reliable callback), or both at once, pull being the safety net and push the fast path. An event
 * that comes both ways is stored once: its dedupe key is the same.
 */
public enum IntakeMode {
    PUSH,
    PULL,
    BOTH;

    /** {@code push}, {@code pull} or {@code both}, in any case. */
    public static IntakeMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("intake must be push, pull or both, got '" + value + "'", e);
        }
    }

    public boolean acceptsPush() {
        return this != PULL;
    }

    public boolean pulls() {
        return this != PUSH;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
