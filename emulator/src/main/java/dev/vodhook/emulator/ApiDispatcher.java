package dev.vodhook.emulator;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /}: checks version, action and signature, parses the JSON body, runs the {@link ApiAction} named by
 * {@code X-TC-Action}, and writes the envelope. The one place where API errors become JSON: every error is
 * HTTP 200 + {@code Response.Error}, as the SDKs expect; {@code InternalError} only for the emulator's own bugs.
 */
final class ApiDispatcher implements Handler {

    static final String VERSION = "2018-07-17";
    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);

    private final Map<String, ApiAction> actions;
    private final Tc3Verifier verifier;
    private final SubApps subApps;
    private final IdSource ids;
    private final Clock clock;

    ApiDispatcher(Iterable<ApiAction> actions, Tc3Verifier verifier, SubApps subApps, IdSource ids, Clock clock) {
        this.actions = java.util.stream.StreamSupport.stream(actions.spliterator(), false)
                .collect(Collectors.toUnmodifiableMap(ApiAction::name, Function.identity()));
        this.verifier = verifier;
        this.subApps = subApps;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        String requestId = ids.requestId();
        String actionName = ctx.header("X-TC-Action");
        ObjectNode response;
        try {
            response = VodJson.API.valueToTree(dispatch(ctx, requestId, actionName));
            log.debug("API {} answered, RequestId {}", actionName, requestId);
        } catch (VodApiException e) {
            log.info("API {} rejected with {}: {} (RequestId {})", actionName, e.code(), e.getMessage(), requestId);
            response = error(e.code(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("API {} failed inside the emulator (RequestId {}); answering InternalError", actionName, requestId, e);
            response = error(VodApiException.INTERNAL_ERROR, "An internal error occurred in the local VOD: " + e);
        }
        response.put("RequestId", requestId);
        ObjectNode envelope = VodJson.API.createObjectNode();
        envelope.set("Response", response);
        ctx.status(200).contentType("application/json").result(VodJson.bytes(VodJson.API, envelope));
    }

    private Object dispatch(Context ctx, String requestId, String actionName) {
        String version = ctx.header("X-TC-Version");
        if (version == null || version.isEmpty()) {
            throw VodApiException.missing("X-TC-Version");
        }
        if (!VERSION.equals(version)) {
            throw new VodApiException(VodApiException.NO_SUCH_VERSION,
                    "The API version " + version + " does not exist; VOD speaks " + VERSION + ".");
        }
        if (actionName == null || actionName.isEmpty()) {
            throw VodApiException.missing("X-TC-Action");
        }
        ApiAction action = actions.get(actionName);
        if (action == null) {
            throw new VodApiException(VodApiException.INVALID_ACTION, "The action " + actionName + " is not supported.");
        }
        byte[] body = body(ctx);
        verifier.verify(new Tc3Verifier.SignedRequest(ctx.header("Authorization"), ctx.header("X-TC-Timestamp"),
                ctx.header("Host"), ctx.header("Content-Type"), ctx.header("X-TC-Content-SHA256"), body,
                ctx.header("X-TC-Token")));
        JsonNode json = parse(body);
        long subAppId = subApps.resolve(json);
        String region = ctx.header("X-TC-Region") == null ? "" : ctx.header("X-TC-Region");
        return action.handle(new ApiRequest(actionName, requestId, subAppId, region, json, clock.instant()));
    }

    private static byte[] body(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            throw new VodApiException(VodApiException.REQUEST_SIZE_LIMIT_EXCEEDED,
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
                throw new VodApiException(VodApiException.INVALID_PARAMETER, "The request body must be a JSON object.");
            }
            return json;
        } catch (JacksonException e) {
            throw new VodApiException(VodApiException.INVALID_PARAMETER,
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new VodApiException(VodApiException.INVALID_PARAMETER, "The request body could not be read.");
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
