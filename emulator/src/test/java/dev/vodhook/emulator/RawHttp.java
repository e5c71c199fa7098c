package dev.vodhook.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 over a plain socket, for what higher-level clients hide: header-name casing, absolute-form request
 * targets, unusual paths. Sends {@code Connection: close} and reads the whole answer.
 */
final class RawHttp {

    private RawHttp() {
    }

    record Answer(int status, List<String> headerLines, byte[] body) {

        /** The header line for {@code name}, compared case-insensitively, exactly as the server wrote it. */
        String headerLine(String name) {
            return headerLines.stream().filter(l -> l.toLowerCase().startsWith(name.toLowerCase() + ":")).findFirst()
                    .orElse("");
        }

        String header(String name) {
            String line = headerLine(name);
            return line.isEmpty() ? "" : line.substring(line.indexOf(':') + 1).trim();
        }
    }

    static Answer exchange(int port, String requestHead, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] raw) throws IOException {
        int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String head = new String(raw, 0, split, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(raw, split + 4, raw.length - split - 4);
        return new Answer(status, headers, body.toByteArray());
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no end of headers in the answer");
    }

}
