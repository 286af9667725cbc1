package dev.chatbot.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One persistent HTTP/1.1 connection with blocking reads and writes: the cheapest client a load generator that
 * shares the server's cores can use (java.net.http spends several times more CPU per request on its selector
 * thread, executor hand-offs and futures). Understands what the chatbot answers: {@code Content-Length} or
 * chunked bodies, {@code Connection: close}. Reconnects after a failure. Not thread-safe: one per thread.
 */
final class RawHttpClient implements AutoCloseable {

    /** A response's status and body. */
    record Response(int status, String body) {}

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    RawHttpClient(URI base, int timeoutMillis) {
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends one request; {@code headers} are complete header lines without the line break. */
    Response send(String method, String path, byte[] body, String... headers) throws IOException {
        if (socket == null) {
            connect();
        }
        StringBuilder head = new StringBuilder(256)
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(host)
                .append(':')
                .append(port)
                .append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        // head and body in one write: two writes are two TCP segments, and the server then wakes and parses twice
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = headBytes;
        if (body != null) {
            request = Arrays.copyOf(headBytes, headBytes.length + body.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
        }
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private Response read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
                    size > 0;
                    size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                copy(size, body);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            closeAfter = true;
            in.transferTo(body);
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, body.toString(StandardCharsets.UTF_8));
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        while (n > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (r < 0) {
                throw new IOException("connection closed in a body");
            }
            to.write(buffer, 0, r);
            n -= r;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
