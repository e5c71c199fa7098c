package dev.vodhook.signing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code Authorization: TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request,
 * SignedHeaders=..., Signature=...} header.
 */
public record Tc3Authorization(String secretId, String date, String service, String signedHeaders, String signature) {

    private static final Pattern FORM = Pattern.compile(
            "^TC3-HMAC-SHA256\\s+Credential=([^/,\\s]+)/(\\d{4}-\\d{2}-\\d{2})/([^/,\\s]+)/tc3_request,\\s*"
                    + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})\\s*$");

    /** Empty when the header is absent or not of the TC3 form. */
    public static Optional<Tc3Authorization> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(header.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Tc3Authorization(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)));
    }
}
