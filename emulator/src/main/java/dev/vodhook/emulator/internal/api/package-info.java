/**
 * Not API. The door of the VOD API: the dispatcher (version, action, TC3-HMAC-SHA256 signature, SubAppId,
 * rate limits, injected faults, the error envelope), the request an action gets, parameter checks, VOD's JSON and
 * time formats, and {@link LocalVodApiError} with the error codes.
 */
package dev.vodhook.emulator.internal.api;
