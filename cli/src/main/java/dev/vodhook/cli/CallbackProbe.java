package dev.vodhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodhook.events.SetupProbe;
import dev.vodhook.signing.CallbackSignature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Sends a setup probe ({@link SetupProbe}), signed with the SignKey as VOD signs a push, to a callback URL, and
 * tells exactly what went wrong when it did not come back as answered by a vodhook receiver.
 */
final class CallbackProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The probe failed; the message says at which step and what to do. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    CallbackProbe(Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * @return whether the receiver says it verified the signature
     * @throws Failed saying what failed: DNS, TLS, connection, timeout, the token (403/404), the signature (401)
     */
    boolean send(URI url, String nonce, String signKey) {
        resolve(url);
        long t = clock.instant().plus(CallbackSignature.VALIDITY).getEpochSecond();
        String body = SetupProbe.body(nonce, Optional.of(CallbackSignature.sign(signKey, t)), Optional.of(t));
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new Failed("timeout: no connection to " + hostPort(url) + " within " + timeout.toSeconds()
                    + " s (a firewall or security group dropping it?)");
        } catch (HttpTimeoutException e) {
            throw new Failed("timeout: " + url.getHost() + " took the connection but did not answer within "
                    + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new Failed("connection refused: nothing listens on " + hostPort(url)
                    + " (is the receiver running, with host 0.0.0.0 for VOD to reach it?)");
        } catch (IOException e) {
            if (causedBy(e, SSLException.class)) {
                throw new Failed("TLS: the handshake with " + hostPort(url) + " failed: " + rootMessage(e)
                        + " (VOD needs a certificate it trusts for an https callback URL)");
            }
            throw new Failed("connection to " + hostPort(url) + " failed: " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
        return answer(url, r);
    }

    private static boolean answer(URI url, HttpResponse<String> r) {
        String message = message(r.body());
        switch (r.statusCode()) {
            case 200 -> { }
            case 401 -> throw new Failed("401 signature: the receiver refused the probe's Sign/T (" + message
                    + "); it has another sign-key: restart it so that it reads the one setup wrote, or give"
                    + " --sign-key with the receiver's key");
            case 403 -> throw new Failed("403 token: the callback token in the URL is not the receiver's"
                    + " callback-token (" + message + ")");
            case 404 -> throw new Failed("404: the receiver has no such callback route (" + message
                    + "); check the token part of the URL (/callback/<callback-token>) and that intake is push or both");
            default -> throw new Failed(r.statusCode() + " from " + url.getHost() + ": " + message);
        }
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (IOException e) {
            json = JSON.missingNode();
        }
        if (!json.path("probe").isTextual()) {
            throw new Failed("200, but not from a vodhook receiver that knows setup probes: the probe may have been"
                    + " taken as an event by something else at " + url.getHost());
        }
        return json.path("verified").asBoolean(false);
    }

    private static void resolve(URI url) {
        if (url.getHost() == null) {
            throw new Failed("the callback URL " + url + " has no host");
        }
        try {
            InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new Failed("DNS: " + url.getHost() + " does not resolve on this machine");
        }
    }

    private static String message(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.has("message")) {
                return json.path("error").asText("") + ": " + json.path("message").asText("");
            }
        } catch (IOException e) {
            // not JSON: show the start of it
        }
        return body == null || body.isBlank() ? "(empty body)" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private static String hostPort(URI url) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        return url.getHost() + ":" + port;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
