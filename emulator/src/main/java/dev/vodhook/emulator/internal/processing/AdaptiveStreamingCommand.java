package dev.vodhook.emulator.internal.processing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The ffmpeg arguments that make every sub-stream of an adaptive streaming template in one run: the picture is
 * split and scaled per sub-stream, and the HLS muxer writes the master playlist {@code adp.<d>.m3u8}, a playlist
 * per sub-stream {@code adp.<d>_<n>.m3u8} and its segments {@code adp.<d>_<n>_<k>.ts}. Pure.
 */
final class AdaptiveStreamingCommand {

    private AdaptiveStreamingCommand() {
    }

    static List<String> args(Path input, AdaptiveStreamingTemplate template,
                             List<AdaptiveStreamingTemplate.SubStream> streams, String encoder, boolean upscale,
                                     boolean withAudio, Path dir) {
        String base = "adp." + template.definition();
        StringBuilder graph = new StringBuilder("[0:v]split=" + streams.size());
        for (int i = 0; i < streams.size(); i++) {
            graph.append("[s").append(i).append(']');
        }
        List<String> args = new ArrayList<>(List.of("-i", input.toString()));
        List<String> maps = new ArrayList<>();
        StringJoiner variants = new StringJoiner(" ");
        for (int i = 0; i < streams.size(); i++) {
            graph.append(";[s").append(i).append(']')
                    .append(TranscodeCommand.scale(streams.get(i).shortSide(), upscale)).append(",format=yuv420p[o")
                    .append(i).append(']');
            maps.addAll(List.of("-map", "[o" + i + "]"));
            if (withAudio) {
                maps.addAll(List.of("-map", "0:a:0"));
            }
            variants.add(withAudio ? "v:" + i + ",a:" + i : "v:" + i);
        }
        args.addAll(List.of("-filter_complex", graph.toString()));
        args.addAll(maps);
        args.addAll(List.of("-c:v", encoder, "-r", Integer.toString(template.fps()),
                "-g", Integer.toString(template.fps() * 2)));
        for (int i = 0; i < streams.size(); i++) {
            String kbps = streams.get(i).videoKbps() + "k";
            args.addAll(List.of("-b:v:" + i, kbps, "-maxrate:v:" + i, kbps));
        }
        if (withAudio) {
            args.addAll(List.of("-c:a", "aac", "-b:a", template.audioKbps() + "k", "-ar", "44100", "-ac", "2"));
        }
        args.addAll(List.of("-f", "hls", "-hls_time", Integer.toString(TranscodeCommand.HLS_SEGMENT_SECONDS),
                "-hls_playlist_type", "vod", "-master_pl_name", template.masterName(),
                "-hls_segment_filename", dir.resolve(base + "_%v_%d.ts").toString(),
                "-var_stream_map", variants.toString(), dir.resolve(base + "_%v.m3u8").toString()));
        return args;
    }
}
