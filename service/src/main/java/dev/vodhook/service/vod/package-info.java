/**
 * Every call vodhook makes to VOD: the official SDK clients ({@link VodClients}, the one factory), the processing
 * and task calls ({@link VodApi}), the reliable callback queue ({@link VodEventQueue}), the event configuration
 * ({@link EventConfigApi}), the SessionIds that make submissions idempotent, and {@link VodApiException}.
 */
package dev.vodhook.service.vod;
