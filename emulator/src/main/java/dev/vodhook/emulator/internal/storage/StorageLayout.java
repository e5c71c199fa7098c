package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.internal.IdSource;
import java.math.BigInteger;
import java.util.Map;

/**
 * Object keys in the style of vod-protocol.md §7.3: originals under {@code /{8hex}vod{rg}{appid}/}, derived files
 * under {@code /{8hex}vodtrans{rg}{appid}/}, each file in its own {@code {8hex}{FileId}} folder. The bucket for
 * uploads is {@code {8hex}vod{rg}{appid}-{appid}}, which the COS SDK accepts because it ends in {@code -<digits>}.
 */
public record StorageLayout(long appId, String originalPrefix, String derivedPrefix) {

    private static final Map<String, String> REGION_CODES = Map.ofEntries(
            Map.entry("ap-guangzhou", "gzp"), Map.entry("ap-shanghai", "sh"), Map.entry("ap-beijing", "bj"),
            Map.entry("ap-chengdu", "cd"), Map.entry("ap-chongqing", "cq"), Map.entry("ap-nanjing", "nj"),
            Map.entry("ap-hongkong", "hk"), Map.entry("ap-singapore", "sg"), Map.entry("ap-tokyo", "tky"),
            Map.entry("ap-seoul", "sel"), Map.entry("ap-mumbai", "mb"), Map.entry("ap-bangkok", "bk"),
            Map.entry("na-siliconvalley", "sv"), Map.entry("na-ashburn", "ash"), Map.entry("eu-frankfurt", "fra"));

    public static StorageLayout create(long appId, IdSource ids) {
        return new StorageLayout(appId, ids.hex(4), ids.hex(4));
    }

    /** The short region code used in bucket names, e.g. {@code gzp} for ap-guangzhou. */
    static String regionCode(String region) {
        String known = REGION_CODES.get(region);
        if (known != null) {
            return known;
        }
        String letters = region.replaceAll("[^a-z]", "");
        return letters.isEmpty() ? "x" : letters.substring(Math.max(0, letters.length() - 3));
    }

    public String bucketName(String region) {
        return originalFolder(region) + "-" + appId;
    }

    /** The per-file folder {@code {8hex}{FileId}}. */
    public static String fileFolder(String folderPrefix, String fileId) {
        return folderPrefix + fileId;
    }

    public String originalKey(String region, String fileFolder, String extension) {
        return "/" + originalFolder(region) + "/" + fileFolder + "/f0." + extension;
    }

    /** Cover uploaded with the media: named after FileId + 1 like the cloud's example. */
    public String uploadedCoverKey(String region, String fileFolder, String fileId, String extension) {
        return "/" + originalFolder(region) + "/" + fileFolder + "/" + new BigInteger(fileId).add(BigInteger.ONE)
                + "." + extension;
    }

    public String transcodeKey(String region, String fileFolder, int definition, String extension) {
        return derivedFolder(region, fileFolder) + "/v.f" + definition + "." + extension;
    }

    public String snapshotCoverKey(String region, String fileFolder, long epochSeconds, long random) {
        return derivedFolder(region, fileFolder) + "/coverBySnapshot/" + epochSeconds + "_" + random + ".100_0.jpg";
    }

    /** Any file in the derived folder, e.g. the .ts segments next to an HLS playlist. */
    public String derivedKey(String region, String fileFolder, String fileName) {
        return derivedFolder(region, fileFolder) + "/" + fileName;
    }

    /** The folder of a file's original and uploaded cover, e.g. {@code /6b7c8d9evodgzp1500012345/a1b2c3d4<FileId>}. */
    public String originalFolderKey(String region, String fileFolder) {
        return "/" + originalFolder(region) + "/" + fileFolder;
    }

    /** The folder of a file's transcodes, segments and snapshots. */
    public String derivedFolderKey(String region, String fileFolder) {
        return derivedFolder(region, fileFolder);
    }

    private String derivedFolder(String region, String fileFolder) {
        return "/" + derivedPrefix + "vodtrans" + regionCode(region) + appId + "/" + fileFolder;
    }

    private String originalFolder(String region) {
        return originalPrefix + "vod" + regionCode(region) + appId;
    }
}
