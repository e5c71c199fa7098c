package dev.vodhook.emulator;

/** One call of {@code action} that is to fail with {@code errorCode} (fault injection). */
record ApiFault(String action, String errorCode, String message) {

    VodApiException error() {
        return new VodApiException(errorCode, message);
    }
}
