package dev.vodhook.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What ffprobe says of a media file, in the units VOD reports: bytes, bits per second, seconds.
 *
 * @param container ffprobe's format name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param width     the largest video width, 0 without video
 * @param height    the largest video height, 0 without video
 */
public record MediaProbe(String container, long size, long bitrate, double duration, int width, int height,
                         List<VideoStream> videoStreams, List<AudioStream> audioStreams) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record VideoStream(String codec, int width, int height, long bitrate, int fps, double duration) {
    }

    public record AudioStream(String codec, int samplingRate, long bitrate, double duration) {
    }

    static MediaProbe parse(String ffprobeJson) {
        JsonNode root;
        try {
            root = JSON.readTree(ffprobeJson);
        } catch (java.io.IOException e) {
            throw new FfmpegException("ffprobe printed something that is not JSON: " + e.getMessage(), e);
        }
        List<VideoStream> video = new ArrayList<>();
        List<AudioStream> audio = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            switch (s.path("codec_type").asText()) {
                case "video" -> video.add(new VideoStream(s.path("codec_name").asText(), s.path("width").asInt(),
                        s.path("height").asInt(), s.path("bit_rate").asLong(), fps(s.path("avg_frame_rate").asText()),
                        s.path("duration").asDouble()));
                case "audio" -> audio.add(new AudioStream(s.path("codec_name").asText(), s.path("sample_rate").asInt(),
                        s.path("bit_rate").asLong(), s.path("duration").asDouble()));
                default -> { }
            }
        }
        JsonNode format = root.path("format");
        return new MediaProbe(format.path("format_name").asText(), format.path("size").asLong(),
                format.path("bit_rate").asLong(), format.path("duration").asDouble(),
                video.stream().mapToInt(VideoStream::width).max().orElse(0),
                video.stream().mapToInt(VideoStream::height).max().orElse(0),
                List.copyOf(video), List.copyOf(audio));
    }

    private static int fps(String rate) {
        String[] parts = rate.split("/");
        try {
            double num = Double.parseDouble(parts[0]);
            double den = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return den == 0 ? 0 : (int) Math.round(num / den);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
