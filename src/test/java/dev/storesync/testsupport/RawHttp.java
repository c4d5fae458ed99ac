package dev.storesync.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 spoken by hand, for the requests a well-behaved client never sends: a body announced and never sent,
 * both Content-Length and Transfer-Encoding, lines and headers too long.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    public static RawHttp connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(15_000);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the request head (request line and headers, CRLF-separated, without the blank line) and the blank line. */
    public RawHttp head(String requestLine, String... headers) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return send(head.append("\r\n").toString());
    }

    public RawHttp send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one answer: its head, then as many bytes as its Content-Length says. */
    public Answer readAnswer() {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            while (!received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return new Answer(received.toString(StandardCharsets.ISO_8859_1), true);
                }
                received.write(b);
            }
            String head = received.toString(StandardCharsets.ISO_8859_1);
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                    .matcher(head);
            if (length.find()) {
                received.write(in.readNBytes(Integer.parseInt(length.group(1))));
            }
            return new Answer(received.toString(StandardCharsets.ISO_8859_1), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the server closes the connection (or 15 s pass); what it sent. */
    public Answer readUntilClosed() {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean closed = false;
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.write(buffer, 0, n);
            }
            closed = true;
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (IOException e) {
            // reset by the server: closed too
            closed = true;
        }
        return new Answer(received.toString(StandardCharsets.ISO_8859_1), closed);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** @param closed whether the server closed the connection (rather than the wait running out) */
    public record Answer(String text, boolean closed) {
        public int status() {
            if (!text.startsWith("HTTP/1.1 ") && !text.startsWith("HTTP/1.0 ")) {
                return -1;
            }
            return Integer.parseInt(text.substring(9, 12));
        }

        public String body() {
            int blank = text.indexOf("\r\n\r\n");
            return blank < 0 ? "" : text.substring(blank + 4);
        }

        public boolean hasHeader(String name, String value) {
            return text.toLowerCase(java.util.Locale.ROOT)
                    .contains((name + ": " + value).toLowerCase(java.util.Locale.ROOT));
        }
    }
}
