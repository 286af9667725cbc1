package dev.chatbot.web.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.web.ChatbotApplication;
import dev.chatbot.web.channel.Hmacs;
import dev.chatbot.web.channel.generic.WebhookSignature;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-address limits with small real values, over real HTTP, in an instance of its own (the shared test context
 * raises them, since every test request there comes from 127.0.0.1). 127.0.0.1 is the trusted reverse proxy here:
 * what it forwards for is the client; 127.0.0.2 is a client talking to the service directly.
 */
@Timeout(180)
class FairLimitsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "fair-limits-webhook-secret";
    private static final String ADMIN_PASSWORD = "fair-limits-admin-pw";
    private static final int REQUESTS_PER_MINUTE = 40;
    private static final int OPEN_CONVERSATIONS = 4;
    private static final int STREAMS_PER_CONVERSATION = 2;
    private static final int STREAMS_PER_ADDRESS = 3;
    private static final int MESSAGES_PER_USER = 5;

    private static ConfigurableApplicationContext instance;
    private static int port;
    private static final List<Socket> streams = new ArrayList<>();

    @BeforeAll
    @Timeout(300)
    static void start() throws IOException {
        instance = new SpringApplicationBuilder(ChatbotApplication.class)
                .run(
                        "--server.port=0",
                        "--chatbot.store.data-dir=" + Files.createTempDirectory("chatbot-fair-limits"),
                        "--chatbot.store.fsync=false",
                        "--chatbot.model.dir=../models/current",
                        "--chatbot.model.training-data=../training-data",
                        "--chatbot.limits.trusted-proxies=127.0.0.1",
                        "--chatbot.limits.requests-per-client-per-minute=" + REQUESTS_PER_MINUTE,
                        "--chatbot.limits.open-conversations-per-address=" + OPEN_CONVERSATIONS,
                        "--chatbot.limits.streams-per-conversation=" + STREAMS_PER_CONVERSATION,
                        "--chatbot.limits.streams-per-address=" + STREAMS_PER_ADDRESS,
                        "--chatbot.limits.messages-per-channel-user-per-minute=" + MESSAGES_PER_USER,
                        "--chatbot.webhook.generic.secret=" + SECRET,
                        "--chatbot.console.admin-password=" + ADMIN_PASSWORD,
                        "--chatbot.console.login.address-failures=3",
                        "--chatbot.console.login.account-failures=50",
                        "--chatbot.console.nobody-online-message=",
                        "--chatbot.console.leave-message-offer=");
        port = Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() throws IOException {
        for (Socket s : streams) {
            s.close();
        }
        if (instance != null) {
            instance.close();
        }
    }

    private static Map<String, String> forwardedFor(String client, String... more) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Forwarded-For", client);
        headers.put("Content-Type", "application/json");
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    /** A cheap API request (a history without its token: 401, counted all the same). */
    private static int request(InetAddress from, Map<String, String> headers) {
        return RawHttp.send(
                        from,
                        port,
                        "GET",
                        "/api/v1/conversations/c-" + UUID.randomUUID() + "/events",
                        headers,
                        null,
                        false)
                .status();
    }

    private static RawHttp.Response start(Map<String, String> headers) {
        return RawHttp.send(
                port,
                "POST",
                "/api/v1/conversations",
                headers,
                "{\"text\":\"How much does delivery cost?\"}".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends requests until one is refused with 429 and returns how many were let through: the bucket refills as it
     * goes (one request per 1.5 s here), so a few more than the rate pass while they are sent.
     */
    private static int passedUntilLimited(
            InetAddress from, java.util.function.IntFunction<Map<String, String>> headers) {
        for (int i = 0; i < REQUESTS_PER_MINUTE * 3; i++) {
            int status = request(from, headers.apply(i));
            if (status == 429) {
                return i;
            }
            assertThat(status).isEqualTo(401);
        }
        throw new AssertionError("never limited");
    }

    @Test
    void clientsBehindTheTrustedProxyEachHaveTheirOwnRate() {
        assertThat(passedUntilLimited(null, i -> forwardedFor("198.51.100.10")))
                .isBetween(REQUESTS_PER_MINUTE, REQUESTS_PER_MINUTE + 10);
        RawHttp.Response limited =
                RawHttp.send(port, "GET", "/api/v1/conversations/c-x/events", forwardedFor("198.51.100.10"), null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotBlank();
        assertThat(limited.text()).contains("\"error\":\"rate_limited\"");
        // a client that writes its own X-Forwarded-For gets it ignored: the proxy appends the address it saw
        assertThat(request(null, forwardedFor("198.51.100.11, 198.51.100.10"))).isEqualTo(429);
        // another customer behind the same proxy is not affected
        assertThat(request(null, forwardedFor("198.51.100.11"))).isEqualTo(401);
    }

    @Test
    void headersFromAnUntrustedClientAreIgnored() throws Exception {
        InetAddress direct = InetAddress.getByName("127.0.0.2");
        // a fresh spoofed address each time would be a fresh bucket if the header were believed
        assertThat(passedUntilLimited(direct, i -> forwardedFor("203.0.113." + i)))
                .isBetween(REQUESTS_PER_MINUTE, REQUESTS_PER_MINUTE + 10);
        assertThat(request(direct, Map.of("Forwarded", "for=203.0.113.201"))).isEqualTo(429);
    }

    @Test
    void ipv6ClientsShareOneRatePerSlash64() {
        // every request from another address of the same /64
        assertThat(passedUntilLimited(null, i -> forwardedFor("2001:db8:77:1:" + Integer.toHexString(i + 1) + "::1")))
                .isBetween(REQUESTS_PER_MINUTE, REQUESTS_PER_MINUTE + 10);
        assertThat(request(null, forwardedFor("2001:db8:77:2::1"))).isEqualTo(401);
    }

    @Test
    void oneAddressKeepsOnlySoManyConversationsOpenAndAClosedOneFreesItsPlace() {
        Map<String, String> client = forwardedFor("198.51.100.20");
        List<Started> open = new ArrayList<>();
        for (int i = 0; i < OPEN_CONVERSATIONS; i++) {
            open.add(started(client));
        }
        RawHttp.Response refused = start(client);
        assertThat(refused.status()).as("%s", refused).isEqualTo(429);
        assertThat(refused.text()).contains("\"error\":\"too_many_conversations\"");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(start(forwardedFor("198.51.100.21")).status()).isEqualTo(201); // others start as usual

        AgentDesk desk = instance.getBean(AgentDesk.class);
        ConversationId first = ConversationId.of(open.get(0).id());
        RawHttp.Response handoff = RawHttp.send(
                port,
                "POST",
                "/api/v1/conversations/" + first.value() + "/handoff",
                forwardedFor("198.51.100.20", "Authorization", "Bearer " + token(first)),
                null);
        assertThat(handoff.status()).as("%s", handoff).isEqualTo(200);
        AgentId alice = AgentId.of("admin");
        assertThat(desk.claim(first, alice)).isTrue();
        desk.resolve(first, alice);
        // the address's conversations are looked up again a few seconds after the last look
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> start(client).status() == 201);
    }

    private static final Map<ConversationId, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String token(ConversationId id) {
        return TOKENS.get(id);
    }

    private static Started started(Map<String, String> headers) {
        RawHttp.Response r = start(headers);
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        JsonNode node = JSON.readTree(r.text());
        Started s = new Started(
                node.get("conversationId").asString(), node.get("token").asString());
        TOKENS.put(ConversationId.of(s.id()), s.token());
        return s;
    }

    private record Started(String id, String token) {}

    /** Opens an event stream and keeps it open; the status line of the answer. */
    private static int openStream(String client, Started c) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/conversations/" + c.id() + "/stream?token=" + c.token() + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAccept: text/event-stream\r\nX-Forwarded-For: " + client + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder status = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            status.append((char) b);
        }
        int code = Integer.parseInt(status.toString().split(" ")[1]);
        if (code == 200) {
            streams.add(socket);
        } else {
            socket.close();
        }
        return code;
    }

    @Test
    void eventStreamsAreCappedPerConversationAndPerAddress() throws Exception {
        String client = "198.51.100.30";
        Started one = started(forwardedFor(client));
        Started two = started(forwardedFor(client));
        for (int i = 0; i < STREAMS_PER_CONVERSATION; i++) {
            assertThat(openStream(client, one)).isEqualTo(200);
        }
        assertThat(openStream(client, one))
                .as("a third stream of one conversation")
                .isEqualTo(429);
        RawHttp.Response refused = RawHttp.send(
                port,
                "GET",
                "/api/v1/conversations/" + one.id() + "/stream?token=" + one.token(),
                forwardedFor(client, "Accept", "text/event-stream"),
                null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.text()).contains("\"error\":\"too_many_streams\"");

        assertThat(openStream(client, two)).isEqualTo(200); // the address's third
        assertThat(openStream(client, two)).as("a fourth stream of one address").isEqualTo(429);
        Started other = started(forwardedFor("198.51.100.31"));
        assertThat(openStream("198.51.100.31", other)).isEqualTo(200); // another customer is not affected

        // a closed stream gives its places back
        Socket closing = streams.remove(0);
        closing.close();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> openStream(client, one) == 200);
    }

    private static int webhook(String messageId, String user, InetAddress from) {
        String body = "{\"messageId\":\"" + messageId + "\",\"userId\":\"" + user
                + "\",\"text\":\"How much does delivery cost?\"}";
        long now = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
        headers.put(
                WebhookSignature.SIGNATURE_HEADER,
                "sha256=" + Hmacs.sha256Hex(SECRET, (now + "." + body).getBytes(StandardCharsets.UTF_8)));
        return RawHttp.send(
                        from, port, "POST", "/webhooks/generic", headers, body.getBytes(StandardCharsets.UTF_8), false)
                .status();
    }

    @Test
    void webhookTrafficIsLimitedPerChannelUserNotPerPlatformAddress() throws Exception {
        InetAddress platform = InetAddress.getByName("127.0.0.3");
        // more deliveries from one platform address than its per-address rate, for many users: all answered
        for (int i = 0; i < REQUESTS_PER_MINUTE + 10; i++) {
            assertThat(webhook("w-many-" + i, "user-" + i, platform))
                    .as("user %d", i)
                    .isEqualTo(200);
        }
        for (int i = 0; i < MESSAGES_PER_USER; i++) {
            assertThat(webhook("w-busy-" + i, "busy-user", platform)).isEqualTo(200);
        }
        assertThat(webhook("w-busy-over", "busy-user", platform))
                .as("one user over their rate")
                .isEqualTo(429);
        assertThat(webhook("w-quiet-1", "quiet-user", platform)).isEqualTo(200);
    }

    @Test
    void theLoginThrottleCountsTheForwardedClientNotTheProxy() {
        String base = "http://127.0.0.1:" + port;
        ConsoleSession attacker = ConsoleSession.anonymous(base).forwardedFor("198.51.100.40");
        for (int i = 0; i <= 3; i++) { // three free failures, the fourth locks the address
            attacker.loginLocation("admin", "wrong-password-" + i);
        }
        assertThat(attacker.loginLocation("admin", ADMIN_PASSWORD))
                .as("the guessing address is locked out")
                .contains("/login?locked=");
        // refused before its form is read: without even a CSRF token the address is told to wait, not 403
        RawHttp.Response bare = RawHttp.send(
                port,
                "POST",
                "/login",
                Map.of("X-Forwarded-For", "198.51.100.40", "Content-Type", "application/x-www-form-urlencoded"),
                "username=admin".getBytes(StandardCharsets.UTF_8));
        assertThat(bare.status()).as(bare.toString()).isEqualTo(302);
        assertThat(bare.header("Location")).contains("/login?locked=");
        assertThat(bare.header("Retry-After")).isNotBlank();
        // the agent behind the same proxy, from another address, still logs in at once
        ConsoleSession agent = ConsoleSession.anonymous(base).forwardedFor("198.51.100.41");
        assertThat(agent.loginLocation("admin", ADMIN_PASSWORD)).endsWith("/console");
    }
}
