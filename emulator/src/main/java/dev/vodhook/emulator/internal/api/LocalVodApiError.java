package dev.vodhook.emulator.internal.api;

import dev.vodhook.emulator.EmulatorException;

/**
 * A VOD API error: answered as HTTP 200 with {@code {"Response":{"Error":{"Code","Message"},"RequestId"}}},
 * which is how the official SDKs expect every business and authentication error.
 */
public class LocalVodApiError extends EmulatorException {

    public static final String SIGNATURE_FAILURE = "AuthFailure.SignatureFailure";
    public static final String SIGNATURE_EXPIRE = "AuthFailure.SignatureExpire";
    public static final String SECRET_ID_NOT_FOUND = "AuthFailure.SecretIdNotFound";
    public static final String TOKEN_FAILURE = "AuthFailure.TokenFailure";
    public static final String INVALID_AUTHORIZATION = "AuthFailure.InvalidAuthorization";
    public static final String INVALID_ACTION = "InvalidAction";
    public static final String NO_SUCH_VERSION = "NoSuchVersion";
    public static final String MISSING_PARAMETER = "MissingParameter";
    public static final String INVALID_PARAMETER = "InvalidParameter";
    public static final String INVALID_PARAMETER_VALUE = "InvalidParameterValue";
    public static final String FAILED_OPERATION = "FailedOperation";
    public static final String UNSUPPORTED_OPERATION = "UnsupportedOperation";
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFound";
    public static final String LIMIT_EXCEEDED = "LimitExceeded";
    public static final String REQUEST_LIMIT_EXCEEDED = "RequestLimitExceeded";
    public static final String REQUEST_SIZE_LIMIT_EXCEEDED = "RequestSizeLimitExceeded";
    public static final String INTERNAL_ERROR = "InternalError";

    private final String code;

    public LocalVodApiError(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The error code, e.g. {@code InvalidParameterValue.FileId}. */
    public String code() {
        return code;
    }

    public static LocalVodApiError missing(String parameter) {
        return new LocalVodApiError(MISSING_PARAMETER, "The parameter " + parameter + " is required.");
    }

    public static LocalVodApiError invalidValue(String parameter, String reason) {
        return new LocalVodApiError(INVALID_PARAMETER_VALUE, "Invalid value for " + parameter + ": " + reason);
    }

    public static LocalVodApiError invalidValue(String codeSuffix, String parameter, String reason) {
        return new LocalVodApiError(INVALID_PARAMETER_VALUE + "." + codeSuffix,
                "Invalid value for " + parameter + ": " + reason);
    }
}
