package dev.vodhook.emulator.internal.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.ApiCall;
import dev.vodhook.emulator.ApiCallJournal;
import dev.vodhook.emulator.Faults;
import dev.vodhook.emulator.internal.IdSource;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /}: checks version, action and signature, parses the JSON body, holds the call to its
 * {@link RateLimiter} (over the rate: {@code RequestLimitExceeded}, no fault used up), runs the {@link ApiAction}
 * named by {@code X-TC-Action} (or the injected {@link ApiFault} that the call meets: an error instead, or a delay
 * first), writes the envelope and records the call in the {@link ApiCallJournal}. The one place where API errors become
 * JSON: every error is
 * HTTP 200 + {@code Response.Error}, as the SDKs expect; {@code InternalError} only for the emulator's own bugs.
 */
public final class ApiDispatcher implements Handler {

    static final String VERSION = "2018-07-17";
    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);

    private final Map<String, ApiAction> actions;
    private final Tc3Verifier verifier;
    private final SubApps subApps;
    private final IdSource ids;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final Faults faults;
    private final ApiCallJournal calls;

    /** {@code actions}: every {@code X-TC-Action} answered, with its action. */
    public ApiDispatcher(Map<String, ApiAction> actions, Tc3Verifier verifier, SubApps subApps, IdSource ids,
                         Clock clock, RateLimiter rateLimiter, Faults faults, ApiCallJournal calls) {
        this.actions = Map.copyOf(actions);
        this.verifier = verifier;
        this.subApps = subApps;
        this.ids = ids;
        this.clock = clock;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.calls = calls;
    }

    @Override
    public void handle(Context ctx) {
        Instant receivedAt = clock.instant();
        String requestId = ids.requestId();
        String actionName = ctx.header("X-TC-Action");
        ObjectNode response;
        Optional<ApiFault> fault = Optional.empty();
        try {
            ApiRequest request = authenticate(ctx, requestId, actionName);
            rateLimiter.acquire(request);
            fault = faults.takeApi(actionName);
            response = VodJson.API.valueToTree(run(actions.get(actionName), request, fault, faults));
            log.debug("API {} answered, RequestId {}", actionName, requestId);
        } catch (LocalVodApiError e) {
            log.info("API {} rejected with {}: {} (RequestId {})", actionName, e.code(), e.getMessage(), requestId);
            response = error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("API {} failed inside the emulator (RequestId {}); answering InternalError", actionName,
                    requestId, e);
            response = error(LocalVodApiError.INTERNAL_ERROR, "An internal error occurred in the local VOD: " + e);
        }
        response.put("RequestId", requestId);
        calls.record(new ApiCall(requestId, actionName == null ? "" : actionName, receivedAt,
                response.path("Error").path("Code").asText(""), fault.map(ApiFault::label).orElse("")));
        ObjectNode envelope = VodJson.API.createObjectNode();
        envelope.set("Response", response);
        ctx.status(200).contentType("application/json").result(VodJson.bytes(VodJson.API, envelope));
    }

    /**
     * Runs the action, unless an injected fault fails the call; a delaying fault makes it wait first, for its delay
     * or until the faults are cleared, whichever comes first.
     */
    private static Object run(ApiAction action, ApiRequest request, Optional<ApiFault> fault, Faults faults) {
        if (fault.isEmpty()) {
            return action.handle(request);
        }
        ApiFault f = fault.get();
        if (!f.delays()) {
            log.info("API {} fails by an injected fault with {} (RequestId {})", request.action(), f.errorCode(),
                    request.requestId());
            throw f.error();
        }
        log.info("API {} delayed {} ms by an injected fault (RequestId {})", request.action(), f.delay().toMillis(),
                request.requestId());
        try {
            faults.holdUnlessCleared(f.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalVodApiError(LocalVodApiError.INTERNAL_ERROR, "The local VOD is stopping.");
        }
        return action.handle(request);
    }

    /** The checked, authenticated request; the action is known. */
    private ApiRequest authenticate(Context ctx, String requestId, String actionName) {
        String version = ctx.header("X-TC-Version");
        if (version == null || version.isEmpty()) {
            throw LocalVodApiError.missing("X-TC-Version");
        }
        if (!VERSION.equals(version)) {
            throw new LocalVodApiError(LocalVodApiError.NO_SUCH_VERSION,
                    "The API version " + version + " does not exist; VOD speaks " + VERSION + ".");
        }
        if (actionName == null || actionName.isEmpty()) {
            throw LocalVodApiError.missing("X-TC-Action");
        }
        if (!actions.containsKey(actionName)) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_ACTION, "The action " + actionName
                    + " is not supported.");
        }
        byte[] body = body(ctx);
        verifier.verify(new Tc3Verifier.SignedRequest(ctx.header("Authorization"), ctx.header("X-TC-Timestamp"),
                ctx.header("Host"), ctx.header("Content-Type"), ctx.header("X-TC-Content-SHA256"), body,
                ctx.header("X-TC-Token")));
        JsonNode json = parse(body);
        long subAppId = subApps.resolve(json);
        String region = ctx.header("X-TC-Region") == null ? "" : ctx.header("X-TC-Region");
        return new ApiRequest(actionName, requestId, subAppId, region, json, clock.instant());
    }

    private static byte[] body(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            throw new LocalVodApiError(LocalVodApiError.REQUEST_SIZE_LIMIT_EXCEEDED,
                    "The request body exceeds the size limit (" + e.getMessage() + ").");
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return VodJson.API.createObjectNode();
        }
        try {
            JsonNode json = VodJson.API.readTree(body);
            if (json == null || !json.isObject()) {
                throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER,
                        "The request body must be a JSON object.");
            }
            return json;
        } catch (JacksonException e) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER,
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER, "The request body could not be read.");
        }
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode response = VodJson.API.createObjectNode();
        ObjectNode error = response.putObject("Error");
        error.put("Code", code);
        error.put("Message", message);
        return response;
    }
}
