package dev.vodhook.service.notify;

import dev.vodhook.signing.WebhookSignature;
import dev.vodhook.store.outbox.EndpointSpec;
import dev.vodhook.store.outbox.NotificationType;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One endpoint of the application's: where notifications go, the secrets they are signed with (one, or two
 * during a rotation: every secret signs, so a receiver that knows either verifies), and the types it wants
 * (every type when empty).
 */
public record NotifyEndpoint(URI url, List<String> secrets, Set<NotificationType> types) {

    public NotifyEndpoint {
        Objects.requireNonNull(url, "url");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("a notify url is http(s)://host/..., got " + url);
        }
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("notify endpoint " + url + " needs a secret (whsec_...)");
        }
        secrets.forEach(WebhookSignature::key);
        types = Set.copyOf(types);
    }

    public static NotifyEndpoint of(String url, String secret) {
        return new NotifyEndpoint(URI.create(url), List.of(secret), Set.of());
    }

    /** The signing keys, in the order of {@code secrets}. */
    public List<byte[]> keys() {
        return secrets.stream().map(WebhookSignature::key).toList();
    }

    public EndpointSpec spec() {
        return new EndpointSpec(url.toString(), types);
    }

    @Override
    public String toString() {
        return url + (types.isEmpty() ? "" : " " + types.stream().map(NotificationType::wireName).sorted().toList())
                + " (" + secrets.size() + " secret" + (secrets.size() == 1 ? "" : "s") + ")";
    }
}
