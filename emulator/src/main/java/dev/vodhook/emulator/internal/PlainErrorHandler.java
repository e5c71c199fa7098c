package dev.vodhook.emulator.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself, before a route runs (a request line or headers that are not HTTP): one line of plain
 * text with the status's reason, never a stack trace or an HTML page, and 400 rather than 505 for an HTTP version
 * that is not 1.0, 1.1 or 2, since that is the client's mistake.
 */
final class PlainErrorHandler extends ErrorHandler {

    PlainErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = clientMistake(response.getStatus() >= 400 ? response.getStatus() : 500);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "text/plain"));
        return ByteBuffer.wrap(body(clientMistake(status)));
    }

    private static int clientMistake(int status) {
        return status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? HttpStatus.BAD_REQUEST_400 : status;
    }

    private static byte[] body(int status) {
        return (HttpStatus.getMessage(status).toLowerCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
