/**
 * Not API. The local VOD's state across restarts: the lock on the data directory, the state file
 * (written whole and atomically), what it holds, and the saver that writes it after changes.
 */
package dev.vodhook.emulator.internal.state;
