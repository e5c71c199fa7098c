package dev.vodhook.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A bare TCP connection to a listener, for requests no HTTP client sends: partial bodies, stalls, garbage,
 * oversize headers. {@link #answer()} reads until the server closes the connection (30 s at most, a bound on a
 * broken server, not an expected time).
 */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;

    public RawConnection(String baseUrl) {
        URI uri = URI.create(baseUrl);
        try {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout(30_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The head of a {@code POST path} with {@code Connection: close} and the given Content-Length. */
    public static String postHead(String path, long contentLength) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
    }

    public RawConnection send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw bytes, for text that is not UTF-8. */
    public RawConnection send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the sending side, so that the server reads the end of the stream instead of waiting for more. */
    public RawConnection finish() {
        try {
            socket.shutdownOutput();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything the server sent until it closed the connection (empty when it closed without a word). */
    public String answer() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                got.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // reset by the server after its answer: what came before counts
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** The status of an answer, 0 when there was none. */
    public static int status(String answer) {
        return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : 0;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
