package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.internal.state.StateChanges;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Upload sessions by VodSessionKey and by their temporary SecretId, in memory; every change is reported to
 * {@link StateChanges}.
 */
public final class UploadSessionRepository {

    private final Map<String, UploadSession> bySessionKey = new ConcurrentHashMap<>();
    private final Map<String, String> sessionKeyBySecretId = new ConcurrentHashMap<>();
    private final StateChanges changes;

    public UploadSessionRepository(StateChanges changes) {
        this.changes = changes;
    }

    public void save(UploadSession session) {
        put(session);
        changes.changed();
    }

    private void put(UploadSession session) {
        bySessionKey.put(session.vodSessionKey(), session);
        sessionKeyBySecretId.put(session.credential().secretId(), session.vodSessionKey());
    }

    public Optional<UploadSession> bySessionKey(String key) {
        return Optional.ofNullable(key).map(bySessionKey::get);
    }

    public Optional<UploadSession> byTempSecretId(String secretId) {
        return Optional.ofNullable(secretId).map(sessionKeyBySecretId::get).map(bySessionKey::get);
    }

    /** Marks the session committed; true only for the call that did so (a second commit sees false). */
    public boolean markCommitted(String key) {
        boolean[] changed = {false};
        bySessionKey.computeIfPresent(key, (k, s) -> {
            changed[0] = !s.committed();
            return s.asCommitted();
        });
        changes.changed();
        return changed[0];
    }

    public void clear() {
        bySessionKey.clear();
        sessionKeyBySecretId.clear();
        changes.changed();
    }

    /** The sessions whose temporary key has not expired at {@code now}, oldest first (expired ones are useless). */
    public List<UploadSession> usable(Instant now) {
        return bySessionKey.values().stream().filter(s -> !s.expiredAt(now))
                .sorted(Comparator.comparing(UploadSession::createdAt)).toList();
    }

    /** Replaces everything with saved sessions. */
    public void restore(List<UploadSession> saved) {
        bySessionKey.clear();
        sessionKeyBySecretId.clear();
        saved.forEach(this::put);
    }
}
