package dev.vodhook.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps an action: a call that meets an injected {@link ApiFault} fails with its code instead of running, or waits
 * out its delay and then runs.
 */
final class FaultInjectingAction implements ApiAction {

    private static final Logger log = LoggerFactory.getLogger(FaultInjectingAction.class);

    private final ApiAction action;
    private final Faults faults;

    FaultInjectingAction(ApiAction action, Faults faults) {
        this.action = action;
        this.faults = faults;
    }

    @Override
    public String name() {
        return action.name();
    }

    @Override
    public Object handle(ApiRequest request) {
        ApiFault fault = faults.takeApi(action.name()).orElse(null);
        if (fault == null) {
            return action.handle(request);
        }
        if (!fault.delays()) {
            log.info("API {} fails by an injected fault with {} (RequestId {})", action.name(), fault.errorCode(),
                    request.requestId());
            throw fault.error();
        }
        log.info("API {} delayed {} ms by an injected fault (RequestId {})", action.name(), fault.delay().toMillis(),
                request.requestId());
        try {
            Thread.sleep(fault.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VodApiException(VodApiException.INTERNAL_ERROR, "The local VOD is stopping.");
        }
        return action.handle(request);
    }
}
