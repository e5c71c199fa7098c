package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.internal.api.IsoTime;
import java.util.List;

/** VOD's {@code MediaBasicInfo}, as found in NewFileUpload and DescribeMediaInfos. */
public record MediaBasicInfo(String name, String description, String createTime, String updateTime, String expireTime,
                      long classId, String className, String classPath, String coverUrl, String type,
                      String mediaUrl, SourceInfo sourceInfo, String storageRegion, List<String> tagSet, String vid,
                      String category, String status, String storageClass) {

    /** The name VOD gives category 0. */
    static final String OTHER_CLASS = "其他";

    /** @param sourceType {@code Upload}, {@code VideoProcessing}, ... */
    public record SourceInfo(String sourceType, String sourceContext) {

        public static SourceInfo upload(String sourceContext) {
            return new SourceInfo("Upload", sourceContext);
        }
    }

    public static MediaBasicInfo of(Media m) {
        String className = m.classId() == 0 ? OTHER_CLASS : "class-" + m.classId();
        return new MediaBasicInfo(m.name(), m.description(), IsoTime.format(m.createTime()),
                IsoTime.format(m.updateTime()), m.expireTime().map(IsoTime::format).orElse(IsoTime.NEVER),
                m.classId(), className, className, m.coverUrl(), m.type(), m.mediaUrl(),
                m.source(), m.storageRegion(), List.of(), "", m.category(),
                "Normal", "STANDARD");
    }
}
