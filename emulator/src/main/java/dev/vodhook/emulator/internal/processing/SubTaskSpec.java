package dev.vodhook.emulator.internal.processing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One sub-task of a task flow as requested.
 *
 * @param type  VOD's sub-task type ({@code Transcode}, {@code CoverBySnapshot}, ...)
 * @param input the request's element with defaults filled in; echoed back as the sub-task's {@code Input}
 */
public record SubTaskSpec(String type, long definition, ObjectNode input) {

    public static final String TRANSCODE = "Transcode";
    public static final String ANIMATED_GRAPHICS = "AnimatedGraphics";
    public static final String SNAPSHOT_BY_TIME_OFFSET = "SnapshotByTimeOffset";
    public static final String SAMPLE_SNAPSHOT = "SampleSnapshot";
    public static final String IMAGE_SPRITES = "ImageSprites";
    public static final String COVER_BY_SNAPSHOT = "CoverBySnapshot";
    public static final String ADAPTIVE_DYNAMIC_STREAMING = "AdaptiveDynamicStreaming";
}
