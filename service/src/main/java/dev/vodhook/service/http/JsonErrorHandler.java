package dev.vodhook.service.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself, before a request reaches the routes (a request line or headers that are not
 * HTTP, headers too large, a body too slow): the same JSON error body as the routes, with the status's
 * reason phrase and never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505) {
            // an HTTP version that is not 1.0, 1.1 or 2 is the client's mistake, not the server's
            status = HttpStatus.BAD_REQUEST_400;
            response.setStatus(status);
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        String reason = HttpStatus.getMessage(status);
        String code = reason.replace(" ", "").replace("-", "");
        return ("{\"error\":\"" + code + "\",\"message\":\"" + reason.toLowerCase(java.util.Locale.ROOT) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
