package dev.vodhook.service.http;

import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.store.Database;
import java.time.Instant;

/**
 * What the receiver gives the pages of its admin listener ({@link AdminPages}).
 *
 * @param wakeProcessor tells the processor that events are due now (after a replay)
 * @param startedAt     when the receiver started, on its clock
 */
public record AdminContext(ServiceConfig config, Database database, ServiceMetrics metrics, Runnable wakeProcessor,
        Instant startedAt) {}
