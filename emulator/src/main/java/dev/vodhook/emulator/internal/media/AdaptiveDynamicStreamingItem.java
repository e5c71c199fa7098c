package dev.vodhook.emulator.internal.media;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * VOD's {@code AdaptiveDynamicStreamingInfoItem}: a master playlist and its sub-streams.
 *
 * @param packaging {@code Package}: {@code HLS} (a Java keyword, hence the name)
 * @param size      every file of it in bytes: playlists and segments
 */
public record AdaptiveDynamicStreamingItem(long definition, @JsonProperty("Package") String packaging, String drmType,
                                    String url, long size, String digitalWatermarkType, List<SubStream> subStreamSet) {

    /** VOD's {@code MediaSubStreamInfoItem}; {@code Type} is {@code video} (with audio) or {@code audio}. */
    public record SubStream(String type, long width, long height, long size) {
    }
}
