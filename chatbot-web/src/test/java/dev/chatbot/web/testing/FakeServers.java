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
 * (WhatsApp Graph API, Telegram Bot API), always up, and refusing for good what they would refuse for real: a
 * WhatsApp message to a number starting with {@value #WINDOW_CLOSED} (error 131047, the 24-hour window is closed), a
 * Telegram message to a chat id starting with {@value #BLOCKED} (403, the user blocked the bot); and the generic webhook's callback receiver, which is
 * down (nothing listens on its port) until {@link #startCallbackReceiver()}.
 */
public final class FakeServers {

    /** One request a fake server received. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** WhatsApp numbers the Graph API refuses as outside the 24-hour customer-service window. */
    public static final String WINDOW_CLOSED = "4900";
    /** Telegram chat ids whose user blocked the bot. */
    public static final String BLOCKED = "-403";

    private static FakeServers instance;

    static {
        // answers go out at once rather than after the client's delayed ACK (40 ms a request otherwise)
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public final List<Received> platformRequests = new CopyOnWriteArrayList<>();
    public final List<Received> callbacks = new CopyOnWriteArrayList<>();
    private final HttpServer platforms;
    private final int callbackPort;
    private HttpServer callbackReceiver;

    private FakeServers() throws IOException {
        platforms = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platforms.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("GET")) {
                serveFile(exchange);
                return;
            }
            platformRequests.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body));
            int status = 200;
            String answer = "{\"ok\":true}";
            if (body.contains("\"to\":\"" + WINDOW_CLOSED)) {
                status = 400;
                answer = "{\"error\":{\"message\":\"(#131047) Re-engagement message\",\"type\":\"OAuthException\","
                        + "\"code\":131047,\"error_data\":{\"messaging_product\":\"whatsapp\"}}}";
            } else if (body.contains("\"chat_id\":\"" + BLOCKED)) {
                status = 403;
                answer = "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        platforms.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            callbackPort = socket.getLocalPort();
        }
    }

    /**
     * The bytes of the file with this platform id, as the fake platforms serve it: a JPEG's first bytes, then the id.
     */
    public static byte[] file(String id) {
        byte[] tail = id.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[4 + tail.length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xE0;
        System.arraycopy(tail, 0, out, 4, tail.length);
        return out;
    }

    /**
     * Media downloads: the Graph API's {@code GET /graph/<mediaId>} (a URL, with the access token) and that URL, the Bot
     * API's {@code getFile} and {@code /file/bot<token>/<path>}.
     */
    private void serveFile(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        byte[] answer;
        String type = "application/json";
        if (path.startsWith("/graph/")
                && "Bearer wa-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            String id = path.substring("/graph/".length());
            answer = ("{\"url\":\"" + platformsUrl() + "/graph-files/" + id + "\",\"mime_type\":\"image/jpeg\","
                            + "\"id\":\"" + id + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        } else if (path.startsWith("/graph-files/")
                && "Bearer wa-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer = file(path.substring("/graph-files/".length()));
            type = "image/jpeg";
        } else if (path.equals("/telegram/bottg-token/getFile") && query != null && query.startsWith("file_id=")) {
            answer = ("{\"ok\":true,\"result\":{\"file_id\":\"x\",\"file_path\":\"photos/" + query.substring(8)
                            + ".jpg\"}}")
                    .getBytes(StandardCharsets.UTF_8);
        } else if (path.startsWith("/telegram/file/bottg-token/photos/")) {
            String name = path.substring("/telegram/file/bottg-token/photos/".length());
            answer = file(name.substring(0, name.length() - ".jpg".length()));
            type = "image/jpeg";
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
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
            callbacks.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
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
