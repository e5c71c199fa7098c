package dev.vodhook.service.http;

import java.util.Objects;
import java.util.Optional;

/**
 * The admin listener, where the operator API ({@code /api}), {@code /metrics} and {@code /healthz} are,
 * and who may use it.
 *
 * @param port      its port; 0 picks a free one; the public port too (one listener for both) only when
 *                  both hosts are the same loopback address
 * @param host      the interface it listens on, loopback by default; any other needs a {@code token}
 * @param token     when present, every {@code /api} and {@code /metrics} request needs
 *                  {@code Authorization: Bearer <token>}
 * @param readToken when present (with {@code token}), it may read ({@code GET}) but not act
 */
public record AdminSettings(int port, String host, Optional<String> token, Optional<String> readToken) {

    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public AdminSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("admin-port must be 0 to 65535: " + port);
        }
        Objects.requireNonNull(host, "host");
        token = token.filter(t -> !t.isBlank());
        readToken = readToken.filter(t -> !t.isBlank());
    }

    /** Port 8081 on 127.0.0.1, no tokens. */
    public static AdminSettings defaults() {
        return new AdminSettings(DEFAULT_PORT, DEFAULT_HOST, Optional.empty(), Optional.empty());
    }

    public AdminSettings withPort(int value) {
        return new AdminSettings(value, host, token, readToken);
    }

    public AdminSettings withHost(String value) {
        return new AdminSettings(port, value, token, readToken);
    }

    public AdminSettings withToken(String value) {
        return new AdminSettings(port, host, Optional.ofNullable(value), readToken);
    }

    public AdminSettings withReadToken(String value) {
        return new AdminSettings(port, host, token, Optional.ofNullable(value));
    }

    @Override
    public String toString() {
        return "port " + port + " on " + host + ", admin-token " + (token.isPresent() ? "****" : "(none)")
                + ", read-token " + (readToken.isPresent() ? "****" : "(none)");
    }
}
