package dev.vodhook.emulator.internal.media;

import java.util.List;

/**
 * VOD's {@code MediaImageSpriteItem}: thumbnails tiled into big images, and the WebVTT file that says which part of
 * which image shows which time.
 *
 * @param height     of one thumbnail
 * @param width      of one thumbnail
 * @param totalCount the number of thumbnails
 */
public record MediaImageSpriteItem(long definition, long height, long width, long totalCount, List<String> imageUrlSet,
                            String webVttUrl) {
}
