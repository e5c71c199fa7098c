package dev.vodhook.emulator.internal.media;

import dev.vodhook.ffmpeg.MediaProbe;
import java.util.List;

/** VOD's {@code MediaMetaData}: what ffprobe saw, in bytes, bits per second and seconds. */
public record MetaData(long size, String container, long bitrate, int height, int width, double duration, int rotate,
                List<VideoStreamItem> videoStreamSet, List<AudioStreamItem> audioStreamSet, double videoDuration,
                double audioDuration, String md5) {

    record VideoStreamItem(long bitrate, int height, int width, String codec, int fps, String codecTag) {
    }

    record AudioStreamItem(long bitrate, int samplingRate, String codec) {
    }

    /** Metadata from a probe; {@code md5} is empty for originals (the cloud fills it only on request). */
    public static MetaData of(MediaProbe probe, String md5) {
        List<VideoStreamItem> video = probe.videoStreams().stream()
                .map(v -> new VideoStreamItem(v.bitrate(), v.height(), v.width(), v.codec(), v.fps(), ""))
                .toList();
        List<AudioStreamItem> audio = probe.audioStreams().stream()
                .map(a -> new AudioStreamItem(a.bitrate(), a.samplingRate(), a.codec()))
                .toList();
        double videoDuration = probe.videoStreams().stream().mapToDouble(MediaProbe.VideoStream::duration).max()
                .orElse(0);
        double audioDuration = probe.audioStreams().stream().mapToDouble(MediaProbe.AudioStream::duration).max()
                .orElse(0);
        return new MetaData(probe.size(), probe.container(), probe.bitrate(), probe.height(), probe.width(),
                probe.duration(), 0, video, audio, videoDuration, audioDuration, md5);
    }

    /** For files ffprobe cannot read: only the size is known. */
    static MetaData unreadable(long size) {
        return new MetaData(size, "", 0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, "");
    }
}
