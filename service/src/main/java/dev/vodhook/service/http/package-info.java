/**
 * The receiver's HTTP side: the route table ({@link VodhookRoutes}), the operator API and its access check, JSON
 * errors, the listeners and their limits, the admin pages hook ({@link AdminPages}) and the setup probes.
 */
package dev.vodhook.service.http;
