package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.api.IsoTime;
import dev.vodhook.emulator.internal.media.Media;

/** The {@code Output} of EditMedia and ComposeMedia tasks: the media file they made. */
record NewFileOutput(String fileType, String fileUrl, String fileId, String mediaName, long classId,
                     String expireTime) {

    static NewFileOutput of(Media m) {
        return new NewFileOutput(m.type(), m.mediaUrl(), m.fileId(), m.name(), m.classId(),
                m.expireTime().map(IsoTime::format).orElse(IsoTime.NEVER));
    }
}
