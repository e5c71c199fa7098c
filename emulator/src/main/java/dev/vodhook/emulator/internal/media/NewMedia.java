package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.internal.storage.ObjectKey;
import java.time.Instant;
import java.util.Optional;

/**
 * What a new media file is to be, before it exists: from a committed upload, a pull, an edit or a composition.
 *
 * @param mediaKey where its original is stored
 * @param coverKey where its uploaded cover is stored, if it has one
 */
public record NewMedia(String fileId, long subAppId, String folder, String name, String description, String type,
                long classId, Optional<Instant> expireTime, String region, ObjectKey mediaKey,
                Optional<ObjectKey> coverKey, MediaBasicInfo.SourceInfo source) {
}
