/**
 * What each event type does: {@link Handlers} maps EventTypes to handlers; the NewFileUpload handlers verify an
 * upload and start a transcode or a task flow, the Record* handlers write what VOD reports into the media store.
 */
package dev.vodhook.service.handlers;
