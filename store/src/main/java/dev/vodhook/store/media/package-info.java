/**
 * What vodhook knows of each media: its state, tasks and outputs ({@link MediaView}), the writes the handlers make
 * ({@link MediaStore}, {@link MediaWriter}, {@link MediaUpdate}, {@link TaskUpdate}, {@link OutputRecord}), and
 * the catalog the console lists ({@link MediaCatalog}).
 */
package dev.vodhook.store.media;
