/**
 * Not API. Tasks: task flows (ProcessMedia, a Procedure) and their runner, single tasks (PullUpload,
 * EditMedia, ComposeMedia) and theirs, task states and their DescribeTaskDetail views, the task repository, and the
 * SessionIds used within the dedup window.
 */
package dev.vodhook.emulator.internal.tasks;
