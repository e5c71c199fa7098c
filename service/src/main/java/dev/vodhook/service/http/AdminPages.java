package dev.vodhook.service.http;

import dev.vodhook.service.VodhookServer;
import io.javalin.config.RoutesConfig;

/**
 * Pages the admin listener serves beside the operator API, such as the console (module {@code console}), which
 * the receiver is started with ({@link VodhookServer#start(ServiceConfig, MediaProcessing, TaskDetails, AdminPages)}).
 * Closed with the receiver.
 */
public interface AdminPages extends AutoCloseable {
    /** None: the admin listener serves the operator API, metrics and health only. */
    AdminPages NONE = (routes, context) -> {};

    /** Adds the pages' routes to the admin listener's. */
    void register(RoutesConfig routes, AdminContext context);

    @Override
    default void close() {}
}
