package dev.vodhook.emulator.internal.storage;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns object keys into the URLs handed to clients: the configured public base URL, or the emulator's own
 * address once the server is listening (the port is only known then).
 */
public final class PublicUrls {

    private final AtomicReference<String> base = new AtomicReference<>();

    public PublicUrls(Optional<String> configured) {
        configured.ifPresent(base::set);
    }

    /** Called once the server listens; ignored when a public base URL was configured. */
    public void serverListening(String ownBaseUrl) {
        base.compareAndSet(null, ownBaseUrl);
    }

    public String url(String key) {
        String b = base.get();
        if (b == null) {
            throw new IllegalStateException("output URLs are not known before the server listens");
        }
        return b + key;
    }
}
