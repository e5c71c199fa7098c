package dev.vodhook.store.media;

/** Whether a sub-task produced its output. */
public enum OutputStatus {
    SUCCESS,
    FAIL
}
