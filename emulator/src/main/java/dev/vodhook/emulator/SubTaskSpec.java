package dev.vodhook.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One sub-task of a task flow as requested.
 *
 * @param type  VOD's sub-task type ({@code Transcode}, {@code CoverBySnapshot}, ...)
 * @param input the request's element with defaults filled in; echoed back as the sub-task's {@code Input}
 */
record SubTaskSpec(String type, long definition, ObjectNode input) {

    static final String TRANSCODE = "Transcode";
    static final String ANIMATED_GRAPHICS = "AnimatedGraphics";
    static final String SNAPSHOT_BY_TIME_OFFSET = "SnapshotByTimeOffset";
    static final String SAMPLE_SNAPSHOT = "SampleSnapshot";
    static final String IMAGE_SPRITES = "ImageSprites";
    static final String COVER_BY_SNAPSHOT = "CoverBySnapshot";
    static final String ADAPTIVE_DYNAMIC_STREAMING = "AdaptiveDynamicStreaming";
}
