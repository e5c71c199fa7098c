package dev.vodhook.emulator.internal.state;

import dev.vodhook.emulator.internal.events.EventConfig;
import dev.vodhook.emulator.internal.events.PullQueue;
import dev.vodhook.emulator.internal.events.PushDelivery;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.processing.ProcedureTemplate;
import dev.vodhook.emulator.internal.storage.UploadSession;
import dev.vodhook.emulator.internal.tasks.VodTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the local VOD keeps across a restart, as written to {@link StateFile}. Not kept: finished push
 * deliveries, multipart uploads in progress (the client starts them again), injected faults and rate counts.
 *
 * @param format             {@link StateFile#FORMAT}; a file of another format is refused, not guessed at
 * @param uploadSessions     upload sessions whose temporary key has not expired (CommitUpload, X-TC-Token)
 * @param eventConfigs       ModifyEventConfig's settings per SubAppId (SignKeys included: the file is private)
 * @param procedureTemplates each application's own task flow templates, oldest first
 * @param sessionIds         SessionIds inside the dedup window, with when each was first used
 */
public record SavedState(int format, Instant savedAt, List<Media> media, List<VodTask> tasks,
                  List<UploadSession> uploadSessions, Map<Long, EventConfig> eventConfigs,
                  Map<Long, List<ProcedureTemplate>> procedureTemplates, Map<String, Instant> sessionIds,
                  PullQueue.Snapshot pullQueue, PushDelivery.Snapshot pushes) {
}
