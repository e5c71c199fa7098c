package dev.vodhook.emulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Upload sessions by VodSessionKey and by their temporary SecretId, in memory. */
final class UploadSessionRepository {

    private final Map<String, UploadSession> bySessionKey = new ConcurrentHashMap<>();
    private final Map<String, String> sessionKeyBySecretId = new ConcurrentHashMap<>();

    void save(UploadSession session) {
        bySessionKey.put(session.vodSessionKey(), session);
        sessionKeyBySecretId.put(session.credential().secretId(), session.vodSessionKey());
    }

    Optional<UploadSession> bySessionKey(String key) {
        return Optional.ofNullable(key).map(bySessionKey::get);
    }

    Optional<UploadSession> byTempSecretId(String secretId) {
        return Optional.ofNullable(secretId).map(sessionKeyBySecretId::get).map(bySessionKey::get);
    }

    /** Marks the session committed; true only for the call that did so (a second commit sees false). */
    boolean markCommitted(String key) {
        boolean[] changed = {false};
        bySessionKey.computeIfPresent(key, (k, s) -> {
            changed[0] = !s.committed();
            return s.asCommitted();
        });
        return changed[0];
    }

    void clear() {
        bySessionKey.clear();
        sessionKeyBySecretId.clear();
    }
}
