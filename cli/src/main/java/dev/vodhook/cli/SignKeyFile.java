package dev.vodhook.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the {@code sign-key} line of a config file (the receiver's, read by {@link Settings}), leaving every other
 * line as it is, and makes the file its owner's alone (0600); new files are created so.
 */
final class SignKeyFile {
    /** VOD's limit: at most 32 letters and digits (vod-protocol.md §3.1). */
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Pattern LINE = Pattern.compile("(?m)^sign[-_]key\\s*:.*$");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private SignKeyFile() {
    }

    /** 32 random letters and digits (about 190 bits). */
    static String generate(SecureRandom random) {
        StringBuilder key = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    /** Sets {@code sign-key: value} (a key, or {@code new,previous} during a rotation) in {@code file}. */
    static void write(Path file, String value) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            String line = "sign-key: \"" + value + "\"";
            Matcher m = LINE.matcher(text);
            String updated = m.find() ? m.replaceFirst(Matcher.quoteReplacement(line))
                    : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line + "\n";
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".vodhook-setup", ".yaml",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, updated, StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserFacingException("cannot write the sign-key into " + file + ": " + e.getMessage()
                    + "; nothing was changed at VOD", e);
        }
    }
}
