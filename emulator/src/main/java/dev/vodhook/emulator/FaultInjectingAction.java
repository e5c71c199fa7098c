package dev.vodhook.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wraps an action: a call that meets an injected {@link ApiFault} fails with its code instead of running. */
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
        if (fault != null) {
            log.info("API {} fails by an injected fault with {} (RequestId {})", action.name(), fault.errorCode(),
                    request.requestId());
            throw fault.error();
        }
        return action.handle(request);
    }
}
