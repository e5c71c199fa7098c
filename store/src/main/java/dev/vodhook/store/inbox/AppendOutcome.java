package dev.vodhook.store.inbox;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one event of {@link Inbox#appendEach}: appended (or found to be a duplicate), or
 * refused by the database with a reason while the rest of the batch went in.
 */
public record AppendOutcome(Optional<AppendResult> result, Optional<String> failure) {

    public AppendOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(failure, "failure");
        if (result.isPresent() == failure.isPresent()) {
            throw new IllegalArgumentException("exactly one of result and failure: " + result + ", " + failure);
        }
    }

    public static AppendOutcome appended(AppendResult result) {
        return new AppendOutcome(Optional.of(result), Optional.empty());
    }

    public static AppendOutcome failed(String reason) {
        return new AppendOutcome(Optional.empty(), Optional.of(reason));
    }
}
