package dev.vodhook.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One media file and what was made of it. Immutable; changes produce a copy stored back in {@link MediaRepository}.
 *
 * @param folder       the per-file folder {@code {8hex}{FileId}} shared by the original and derived files
 * @param originalKey  where the original is stored; empty once it was deleted (DeleteMedia {@code OriginalFiles}),
 *                     and then {@code mediaUrl} is empty too
 * @param transcodes   renditions made by transcoding, latest per definition
 */
record Media(String fileId, long subAppId, String folder, String name, String description, String type, long classId,
             Instant createTime, Instant updateTime, Optional<Instant> expireTime, String storageRegion,
             Optional<ObjectKey> originalKey, String mediaUrl, String coverUrl, String sourceContext, MetaData metaData,
             List<MediaTranscodeItem> transcodes) {

    Media withTranscode(MediaTranscodeItem item, Instant now) {
        List<MediaTranscodeItem> next = new ArrayList<>(transcodes);
        next.removeIf(t -> t.definition() == item.definition());
        next.add(item);
        return new Media(fileId, subAppId, folder, name, description, type, classId, createTime, now, expireTime,
                storageRegion, originalKey, mediaUrl, coverUrl, sourceContext, metaData, List.copyOf(next));
    }

    Media withCover(String url, Instant now) {
        return new Media(fileId, subAppId, folder, name, description, type, classId, createTime, now, expireTime,
                storageRegion, originalKey, mediaUrl, url, sourceContext, metaData, transcodes);
    }

    /** Without the renditions whose definition {@code gone} accepts. */
    Media withoutTranscodes(java.util.function.LongPredicate gone, Instant now) {
        List<MediaTranscodeItem> kept = transcodes.stream().filter(t -> !gone.test(t.definition())).toList();
        return new Media(fileId, subAppId, folder, name, description, type, classId, createTime, now, expireTime,
                storageRegion, originalKey, mediaUrl, coverUrl, sourceContext, metaData, kept);
    }

    /** The original was deleted: no key, no URL; transcodes and cover stay. */
    Media withoutOriginal(Instant now) {
        return new Media(fileId, subAppId, folder, name, description, type, classId, createTime, now, expireTime,
                storageRegion, Optional.empty(), "", coverUrl, sourceContext, metaData, transcodes);
    }

    /** Video, Audio or Image, judged by the streams found. */
    String category() {
        if (!metaData.videoStreamSet().isEmpty()) {
            return metaData.audioStreamSet().isEmpty() && metaData.duration() == 0 ? "Image" : "Video";
        }
        return metaData.audioStreamSet().isEmpty() ? "Video" : "Audio";
    }
}
