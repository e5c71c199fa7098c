package dev.vodhook.console.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The admin and read tokens (the admin listener's {@code admin-token} and {@code read-token}), compared as SHA-256
 * digests in constant time, both every time, so the time taken does not tell which one a guess was close to.
 */
public final class Tokens {
    private final Optional<byte[]> admin;
    private final Optional<byte[]> read;

    public Tokens(Optional<String> admin, Optional<String> read) {
        this.admin = admin.filter(t -> !t.isBlank()).map(Tokens::sha256);
        this.read = this.admin.isPresent() ? read.filter(t -> !t.isBlank()).map(Tokens::sha256) : Optional.empty();
    }

    public static Tokens none() {
        return new Tokens(Optional.empty(), Optional.empty());
    }

    /** Whether the console asks for a token (one is configured). */
    public boolean required() {
        return admin.isPresent();
    }

    /** The role a token gives, if it is one of the two. */
    public Optional<Role> roleOf(String token) {
        if (admin.isEmpty() || token == null) {
            return Optional.empty();
        }
        byte[] given = sha256(token.strip());
        boolean isAdmin = MessageDigest.isEqual(admin.get(), given);
        boolean isRead = read.isPresent() && MessageDigest.isEqual(read.get(), given);
        return isAdmin ? Optional.of(Role.ADMIN) : isRead ? Optional.of(Role.READ) : Optional.empty();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
