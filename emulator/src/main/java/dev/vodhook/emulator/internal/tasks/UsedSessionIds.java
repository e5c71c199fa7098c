package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.state.StateChanges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SessionIds used per application within the dedup window: a second ProcessMedia with the same SessionId
 * inside the window is refused and starts nothing.
 */
public final class UsedSessionIds {

    private final Map<String, Instant> used = new ConcurrentHashMap<>();
    private final Duration window;
    private final Clock clock;
    private final StateChanges changes;

    public UsedSessionIds(Duration window, Clock clock, StateChanges changes) {
        this.window = window;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * Claims {@code sessionId} when there is one, or refuses the request with {@code InvalidParameterValue.SessionId}
     * when it was used within the window; {@code refused} says what did not happen.
     */
    public void claimOrRefuse(String scope, long subAppId, String sessionId, String refused) {
        if (!sessionId.isEmpty() && !claim(scope, subAppId, sessionId)) {
            throw LocalVodApiError.invalidValue("SessionId", "SessionId",
                    "'" + sessionId + "' was already used within the dedup window; " + refused);
        }
    }

    /**
     * Records the SessionId within {@code scope} (one action's, or {@code ""} for the task flows ProcessMedia and
     * ProcessMediaByProcedure share); false when it was already used within the window. Atomic per SessionId.
     */
    private boolean claim(String scope, long subAppId, String sessionId) {
        Instant now = clock.instant();
        boolean[] fresh = {false};
        used.compute(scope + "/" + subAppId + "/" + sessionId, (key, since) -> {
            if (since != null && now.isBefore(since.plus(window))) {
                return since;
            }
            fresh[0] = true;
            return now;
        });
        if (used.size() > 10_000) {
            used.values().removeIf(since -> !now.isBefore(since.plus(window)));
        }
        if (fresh[0]) {
            changes.changed();
        }
        return fresh[0];
    }

    public void clear() {
        used.clear();
        changes.changed();
    }

    /** The SessionIds still inside the window, with when each was first used. */
    public Map<String, Instant> remembered() {
        Instant now = clock.instant();
        Map<String, Instant> live = new java.util.HashMap<>(used);
        live.values().removeIf(since -> !now.isBefore(since.plus(window)));
        return live;
    }

    /** Replaces everything with saved SessionIds. */
    public void restore(Map<String, Instant> saved) {
        used.clear();
        used.putAll(saved);
    }
}
