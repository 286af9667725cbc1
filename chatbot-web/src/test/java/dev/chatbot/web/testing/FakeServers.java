package dev.chatbot.web.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real local HTTP servers standing in for the outside world, one set per test JVM: the platforms' APIs
 * (WhatsApp Graph API, Telegram Bot API), always up, and the generic webhook's callback receiver, which is
 * down (nothing listens on its port) until {@link #startCallbackReceiver()}.
 */
public final class FakeServers {

    /** One request a fake server received. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static FakeServers instance;

    public final List<Received> platformRequests = new CopyOnWriteArrayList<>();
    public final List<Received> callbacks = new CopyOnWriteArrayList<>();
    private final HttpServer platforms;
    private final int callbackPort;
    private HttpServer callbackReceiver;

    private FakeServers() throws IOException {
        platforms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platforms.createContext("/", exchange -> {
            platformRequests.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        platforms.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            callbackPort = socket.getLocalPort();
        }
    }

    public static synchronized FakeServers get() {
        if (instance == null) {
            try {
                instance = new FakeServers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String platformsUrl() {
        return "http://127.0.0.1:" + platforms.getAddress().getPort();
    }

    public String callbackUrl() {
        return "http://127.0.0.1:" + callbackPort + "/callback";
    }

    public synchronized void startCallbackReceiver() throws IOException {
        if (callbackReceiver != null) {
            return;
        }
        callbackReceiver = HttpServer.create(new InetSocketAddress("127.0.0.1", callbackPort), 0);
        callbackReceiver.createContext("/callback", exchange -> {
            callbacks.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        callbackReceiver.start();
    }

    /** Stops the callback receiver (if it runs): its port refuses connections until it is started again. */
    public synchronized void stopCallbackReceiver() {
        if (callbackReceiver != null) {
            callbackReceiver.stop(0);
            callbackReceiver = null;
        }
    }

    /** Whether something accepts connections on the callback receiver's port. */
    public boolean callbackPortAccepts() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", callbackPort), 5_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
