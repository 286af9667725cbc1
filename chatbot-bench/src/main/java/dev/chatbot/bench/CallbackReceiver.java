package dev.chatbot.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generic webhook's callback endpoint as a customer's system would run it (JDK {@code HttpServer} on
 * 127.0.0.1): checks each POST's signature ({@code X-Chatbot-Signature: sha256=hex(HMAC(secret, timestamp + "." +
 * body))}, timestamp within 5 minutes), records what arrived and when, answers 200 (401 to a bad signature).
 * {@link #stop} closes the port, so the server's next attempts get "connection refused"; {@link #start} opens it
 * again. Thread-safe.
 */
final class CallbackReceiver {

    /** One POST that carried a valid signature. */
    record Received(String deliveryId, String conversationId, String text, Instant at) {}

    private static final Pattern MESSAGE_ID = field("messageId");
    private static final Pattern CONVERSATION_ID = field("conversationId");
    private static final Pattern TEXT = field("text");

    private final int port;
    private final String secret;
    private final List<Received> received = new ArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private HttpServer server;
    private long badSignatures;

    CallbackReceiver(int port, String secret) {
        this.port = port;
        this.secret = secret;
    }

    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Closes the listening socket at once (requests in progress are cut off). */
    synchronized void stop() {
        server.stop(0);
        server = null;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized long badSignatures() {
        return badSignatures;
    }

    void shutdown() {
        synchronized (this) {
            if (server != null) {
                stop();
            }
        }
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            Instant now = Instant.now();
            boolean valid = validSignature(
                    exchange.getRequestHeaders().getFirst("X-Chatbot-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Chatbot-Signature"),
                    body,
                    now);
            synchronized (this) {
                if (valid) {
                    received.add(new Received(
                            group(MESSAGE_ID, body), group(CONVERSATION_ID, body), group(TEXT, body), now));
                } else {
                    badSignatures++;
                }
            }
            exchange.sendResponseHeaders(valid ? 200 : 401, -1);
        }
    }

    private boolean validSignature(String timestamp, String signature, String body, Instant now) {
        if (timestamp == null || signature == null) {
            return false;
        }
        try {
            if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp.strip())) > 300) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        String expected = "sha256=" + ServiceLoadBenchmark.hmac(secret, timestamp.strip() + "." + body);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), signature.strip().getBytes(StandardCharsets.UTF_8));
    }

    private static Pattern field(String name) {
        return Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"");
    }

    private static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : "";
    }
}
