package dev.vodhook.emulator.internal.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** VOD's time format: ISO-8601 in UTC with a {@code Z}, whole seconds ({@code 2019-01-09T16:36:22Z}). */
public final class IsoTime {

    /** What VOD prints for "never expires". */
    public static final String NEVER = "9999-12-31T23:59:59Z";

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private IsoTime() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Parses an input time with any offset ({@code Z} or {@code ±hh:mm}); empty when malformed. */
    static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
