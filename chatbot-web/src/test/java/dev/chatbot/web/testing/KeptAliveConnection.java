package dev.chatbot.web.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP/1.1 connection kept open across requests, as a browser keeps it: each request goes out in one write and
 * its answer is read to its end (Content-Length or chunks) before the next is sent. When the server answers
 * {@code Connection: close} the next request opens a new connection ({@link #reconnects()} counts them). A request
 * the server never answers within the read timeout throws {@link Unanswered}, with the connection's history.
 */
public final class KeptAliveConnection implements AutoCloseable {

    /** The server did not answer a request on a kept-alive connection (the stall this class exists to catch). */
    public static final class Unanswered extends AssertionError {
        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int onThisConnection;
    private int reconnects;
    private String previous = "(none)";

    public KeptAliveConnection(int port, Duration timeout) {
        this.port = port;
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** Sends one request (a body with its Content-Length when not null) and reads its whole answer. */
    public RawHttp.Response send(String method, String target, Map<String, String> headers, byte[] body) {
        String request = method + " " + target;
        try {
            if (socket == null) {
                open();
            }
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                bytes.write(body);
            }
            out.write(bytes.toByteArray());
            out.flush();
            RawHttp.Response response = RawHttp.read(in, true);
            if (response.status() < 0) {
                throw new IOException("closed without an answer");
            }
            onThisConnection++;
            previous = request + " -> " + response.status();
            if ("close".equalsIgnoreCase(response.header("Connection"))) {
                close();
                reconnects++;
            }
            return response;
        } catch (SocketTimeoutException e) {
            throw new Unanswered(
                    request + " got no answer within " + timeoutMillis + " ms; it was request " + (onThisConnection + 1)
                            + " on its connection, after " + previous,
                    e);
        } catch (IOException e) {
            throw new AssertionError(request + " failed on its connection after " + previous + ": " + e, e);
        }
    }

    /** How many times the server closed the connection after an answer (and a new one was opened). */
    public int reconnects() {
        return reconnects;
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        onThisConnection = 0;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }
}
