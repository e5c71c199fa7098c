package dev.vodhook.store;

/** Whether a sub-task produced its output. */
public enum OutputStatus {
    SUCCESS,
    FAIL
}
