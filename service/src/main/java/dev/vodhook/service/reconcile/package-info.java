/**
 * Catching up with tasks whose events never came: the {@link Reconciler} finds tasks quiet too long, and
 * {@link CheckQuietTask} asks VOD about each ({@link TaskDetails}) and turns a finished one into the event it missed.
 */
package dev.vodhook.service.reconcile;
