/**
 * The receiver: {@link VodhookServer} (start, stop, its listeners and loops), the {@link ServiceConfig} it runs on,
 * its {@link ServiceMetrics} and the module's root exception. Each concept it wires together has its own
 * sub-package: {@code intake}, {@code processing}, {@code handlers}, {@code reconcile}, {@code vod}, {@code http}
 * and {@code notify}.
 */
package dev.vodhook.service;
