/**
 * Not API. What ffmpeg makes of a media: the engine and its slots, one step per kind of sub-task
 * with its command, the transcode and adaptive streaming templates, the task flow templates (presets and each
 * application's own), and the plan that reads a {@code MediaProcessTask} into sub-tasks.
 */
package dev.vodhook.emulator.internal.processing;
