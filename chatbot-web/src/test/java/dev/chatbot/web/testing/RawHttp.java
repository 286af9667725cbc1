package dev.chatbot.web.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection, with nothing checked or encoded on the way: the
 * request target and header values go out byte for byte (chars 0-255 as ISO-8859-1 bytes), so the bad-input
 * suite can send what well-behaved clients refuse to (raw {@code ..}, bad percent escapes, invalid UTF-8).
 * Server-sent event streams are not read: their status and headers are returned with an empty body.
 */
public final class RawHttp {

    /** A response; {@code status} -1 when the server closed the connection without answering. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            String t = text();
            return status + " " + (t.length() > 300 ? t.substring(0, 300) + "..." : t);
        }
    }

    private RawHttp() {}

    /** Sends with a {@code Content-Length} (when {@code body} is not null). */
    public static Response send(int port, String method, String target, Map<String, String> headers, byte[] body) {
        return send(port, method, target, headers, body, false);
    }

    /** Sends; {@code chunked} sends the body as one chunk without declaring its length. */
    public static Response send(
            int port, String method, String target, Map<String, String> headers, byte[] body, boolean chunked) {
        return send(null, port, method, target, headers, body, chunked);
    }

    /**
     * Sends from the local address {@code from} (another loopback address such as 127.0.0.2, so the server sees
     * another client), or from the default one when null.
     */
    public static Response send(
            InetAddress from,
            int port,
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            boolean chunked) {
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000); // a generous deadline: past it the request counts as unanswered
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            head.append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                if (body != null && chunked) {
                    out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before the whole body is sent: read what it said
            }
            return read(socket.getInputStream(), false);
        } catch (IOException e) {
            return new Response(-1, Map.of(), e.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads one response; on a kept-alive connection ({@code keptAlive}) a body without a length or chunks is empty,
     * on a closing one it runs to the end of the stream. Status -1 when the stream ended before any byte.
     */
    static Response read(InputStream in, boolean keptAlive) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                if (headBytes.size() == 0) {
                    return new Response(-1, Map.of(), "closed without an answer".getBytes(StandardCharsets.UTF_8));
                }
                break;
            }
            headBytes.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : b == '\r' ? 1 : 0;
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                // a header sent more than once (Vary) reads as its values joined, as RFC 9110 allows
                headers.merge(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(),
                        (first, next) -> first + ", " + next);
            }
        }
        String type = headers.getOrDefault("content-type", "");
        if (type.startsWith("text/event-stream")) {
            return new Response(status, headers, new byte[0]);
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = keptAlive ? new byte[0] : in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            if (sizeLine == null) {
                return out.toByteArray();
            }
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return sb.toString().strip();
            }
            sb.append((char) b);
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
