/**
 * Not API. One class per VOD API action, named after it ({@code ProcessMediaAction} answers
 * {@code ProcessMedia}); the table of which class answers which action is {@code Emulator.apiActions()}.
 */
package dev.vodhook.emulator.internal.api.actions;
