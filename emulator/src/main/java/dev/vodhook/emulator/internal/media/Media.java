package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.internal.storage.ObjectKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;

/**
 * One media file and what was made of it. Immutable; changes produce a copy stored back in {@link MediaRepository}.
 *
 * @param folder       the per-file folder {@code {8hex}{FileId}} shared by the original and derived files
 * @param originalKey  where the original is stored; empty once it was deleted (DeleteMedia {@code OriginalFiles}),
 *                     and then {@code mediaUrl} is empty too
 * @param source       how the media came to be ({@code Upload}, {@code VideoProcessing}) and the SourceContext
 * @param transcodes   renditions made by transcoding, latest per definition
 * @param derived      snapshots, sprites, animated images made by other sub-tasks
 */
public record Media(String fileId, long subAppId, String folder, String name, String description, String type,
        long classId,
             Instant createTime, Instant updateTime, Optional<Instant> expireTime, String storageRegion,
             Optional<ObjectKey> originalKey, String mediaUrl, String coverUrl, MediaBasicInfo.SourceInfo source,
             MetaData metaData, List<MediaTranscodeItem> transcodes, Derivatives derived) {

    public Media withTranscode(MediaTranscodeItem item, Instant now) {
        List<MediaTranscodeItem> next = new ArrayList<>(transcodes);
        next.removeIf(t -> t.definition() == item.definition());
        next.add(item);
        return new Media(fileId, subAppId, folder, name, description, type, classId, createTime, now, expireTime,
                storageRegion, originalKey, mediaUrl, coverUrl, source, metaData, List.copyOf(next), derived);
    }

    public Media withCover(String url, Instant now) {
        return new Media(fileId, subAppId, folder, name, description, type, classId, createTime, now, expireTime,
                storageRegion, originalKey, mediaUrl, url, source, metaData, transcodes, derived);
    }

    public Media withDerived(UnaryOperator<Derivatives> change, Instant now) {
        return new Media(fileId, subAppId, folder, name, description, type, classId, createTime, now, expireTime,
                storageRegion, originalKey, mediaUrl, coverUrl, source, metaData, transcodes, change.apply(derived));
    }

    /** Without the renditions whose definition {@code gone} accepts. */
    public Media withoutTranscodes(LongPredicate gone, Instant now) {
        List<MediaTranscodeItem> kept = transcodes.stream().filter(t -> !gone.test(t.definition())).toList();
        return new Media(fileId, subAppId, folder, name, description, type, classId, createTime, now, expireTime,
                storageRegion, originalKey, mediaUrl, coverUrl, source, metaData, kept, derived);
    }

    /** The original was deleted: no key, no URL; transcodes and cover stay. */
    public Media withoutOriginal(Instant now) {
        return new Media(fileId, subAppId, folder, name, description, type, classId, createTime, now, expireTime,
                storageRegion, Optional.empty(), "", coverUrl, source, metaData, transcodes, derived);
    }

    /** Video, Audio or Image, judged by the streams found. */
    String category() {
        if (!metaData.videoStreamSet().isEmpty()) {
            return metaData.audioStreamSet().isEmpty() && metaData.duration() == 0 ? "Image" : "Video";
        }
        return metaData.audioStreamSet().isEmpty() ? "Video" : "Audio";
    }
}
