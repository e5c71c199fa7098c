/**
 * Not API. The wiring of the local VOD's parts ({@link Emulator}: every part, and the table of VOD API actions), its
 * HTTP routes ({@link EmulatorRoutes}) and what all parts share (ids, a lazily built HTTP client). Each sub-package
 * holds one concept.
 */
package dev.vodhook.emulator.internal;
