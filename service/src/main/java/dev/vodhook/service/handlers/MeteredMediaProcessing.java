package dev.vodhook.service.handlers;

import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.vod.MediaLookup;
import dev.vodhook.service.vod.MediaProcessing;
import dev.vodhook.service.vod.ProcessMediaResult;
import dev.vodhook.service.vod.VodApiException;
import java.util.List;

/**
 * Counts DescribeMediaInfos, ProcessMedia and ProcessMediaByProcedure calls by outcome around any
 * {@link MediaProcessing}.
 */
public final class MeteredMediaProcessing implements MediaProcessing {
    private final MediaProcessing delegate;
    private final ServiceMetrics metrics;

    public MeteredMediaProcessing(MediaProcessing delegate, ServiceMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public MediaLookup describeMedia(String fileId) {
        try {
            MediaLookup lookup = delegate.describeMedia(fileId);
            metrics.describeMediaInfos(lookup.exists() ? "found" : "not_found");
            return lookup;
        } catch (VodApiException e) {
            metrics.describeMediaInfos(e.retryable() ? "retryable_error" : "permanent_error");
            throw e;
        }
    }

    @Override
    public ProcessMediaResult processMedia(String fileId, List<Integer> definitions, String sessionId,
            String sessionContext) {
        try {
            ProcessMediaResult result = delegate.processMedia(fileId, definitions, sessionId, sessionContext);
            metrics.processMedia(result.alreadySubmitted() ? "already_submitted" : "started");
            return result;
        } catch (VodApiException e) {
            metrics.processMedia(e.retryable() ? "retryable_error" : "permanent_error");
            throw e;
        }
    }

    @Override
    public ProcessMediaResult processMediaByProcedure(String fileId, String procedureName, String sessionId,
            String sessionContext) {
        try {
            ProcessMediaResult result = delegate.processMediaByProcedure(fileId, procedureName, sessionId,
                    sessionContext);
            metrics.processMediaByProcedure(result.alreadySubmitted() ? "already_submitted" : "started");
            return result;
        } catch (VodApiException e) {
            metrics.processMediaByProcedure(e.retryable() ? "retryable_error" : "permanent_error");
            throw e;
        }
    }
}
