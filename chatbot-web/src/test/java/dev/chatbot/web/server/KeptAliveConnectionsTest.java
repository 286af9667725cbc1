package dev.chatbot.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.web.testing.KeptAliveConnection;
import dev.chatbot.web.testing.RawHttp;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browsers keep a connection open and send the next request as soon as the last answer is in. Reactor Netty
 * 1.3.6 could stop reading such a connection when the next request arrived before the previous exchange had
 * finished on the server's side and was then answered at once (docs/reliability.md, "Kept-alive connections"):
 * the request was never answered. This sends a few thousand mixed requests over a handful of kept-alive
 * connections and requires every one answered, with the status it should have.
 */
class KeptAliveConnectionsTest extends WebTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CONNECTIONS = 4;
    private static final int REQUESTS_PER_CONNECTION = 750;
    /** A deadline for an answer at all, far above any answer's time: only a request never answered meets it. */
    private static final Duration NEVER_ANSWERED = Duration.ofSeconds(60);

    /** One kind of request: what it sends on the connection and the status it must get. */
    private record Kind(String name, int status, Function<KeptAliveConnection, RawHttp.Response> send) {}

    @Test
    void everyRequestOnKeptAliveConnectionsIsAnswered() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CONNECTIONS);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                long seed = c;
                runs.add(clients.submit(() -> run(seed)));
            }
            int answered = 0;
            for (Future<Integer> run : runs) {
                answered += run.get();
            }
            assertThat(answered).isEqualTo(CONNECTIONS * REQUESTS_PER_CONNECTION);
        } finally {
            clients.shutdownNow();
        }
    }

    /** One connection's share of the requests, in a random order of kinds; returns how many were answered. */
    private int run(long seed) {
        Random random = new Random(seed);
        try (KeptAliveConnection connection = new KeptAliveConnection(port, NEVER_ANSWERED)) {
            JsonNode conversation = json(connection.send("POST", "/api/v1/conversations", Map.of(), null));
            String id = conversation.get("conversationId").asString();
            Map<String, String> token = Map.of(
                    "Authorization", "Bearer " + conversation.get("token").asString());
            Map<String, String> jsonToken =
                    Map.of("Authorization", token.get("Authorization"), "Content-Type", "application/json");
            String conversationPath = "/api/v1/conversations/" + id;
            List<Kind> kinds = List.of(
                    new Kind("health", 200, k -> k.send("GET", "/actuator/health", Map.of(), null)),
                    new Kind(
                            "metrics",
                            200,
                            k -> k.send(
                                    "GET",
                                    "/actuator/prometheus",
                                    Map.of("Authorization", "Bearer " + SCRAPE_TOKEN),
                                    null)),
                    new Kind(
                            "metrics without the scrape token",
                            401,
                            k -> k.send("GET", "/actuator/prometheus", Map.of(), null)),
                    new Kind("widget", 200, k -> k.send("GET", "/widget.js", Map.of(), null)),
                    new Kind("unknown path", 404, k -> k.send("GET", "/no/such/page", Map.of(), null)),
                    new Kind("history", 200, k -> k.send("GET", conversationPath + "/events", token, null)),
                    new Kind(
                            "history without token",
                            401,
                            k -> k.send("GET", conversationPath + "/events", Map.of(), null)),
                    new Kind("console anonymously", 401, k -> k.send("GET", "/api/v1/console/queue", Map.of(), null)),
                    new Kind("not a URI", 400, k -> k.send("GET", "/api/v1/conversations/%zz/events", Map.of(), null)),
                    new Kind("firewall", 400, k -> k.send("GET", "/api/v1/console;x/queue", Map.of(), null)),
                    new Kind(
                            "preflight",
                            200,
                            k -> k.send(
                                    "OPTIONS",
                                    "/api/v1/conversations",
                                    Map.of("Origin", "https://shop.example", "Access-Control-Request-Method", "POST"),
                                    null)),
                    new Kind("empty start", 201, k -> k.send("POST", "/api/v1/conversations", Map.of(), null)),
                    new Kind(
                            "start with a question",
                            201,
                            k -> k.send(
                                    "POST",
                                    "/api/v1/conversations",
                                    Map.of("Content-Type", "application/json"),
                                    body("{\"text\":\"How much does delivery cost?\"}"))),
                    new Kind(
                            "message without token",
                            401,
                            k -> k.send(
                                    "POST",
                                    conversationPath + "/messages",
                                    Map.of("Content-Type", "application/json"),
                                    body("{\"text\":\"hello\"}"))),
                    new Kind(
                            "feedback",
                            204,
                            k -> k.send("POST", conversationPath + "/feedback", jsonToken, body("{\"helpful\":true}"))),
                    new Kind(
                            "malformed feedback",
                            400,
                            k -> k.send("POST", conversationPath + "/feedback", jsonToken, body("{\"helpful\":"))));
            int answered = 1;
            List<String> recent = new ArrayList<>();
            for (int i = 1; i < REQUESTS_PER_CONNECTION; i++) {
                Kind kind = kinds.get(random.nextInt(kinds.size()));
                recent.add(kind.name());
                RawHttp.Response response = kind.send().apply(connection);
                assertThat(response.status())
                        .as("%s (after %s)", kind.name(), recent)
                        .isEqualTo(kind.status());
                answered++;
                if (recent.size() > 5) {
                    recent.remove(0);
                }
            }
            // refusals of requests with a body close their connection; everything else kept it
            assertThat(connection.reconnects()).isLessThan(REQUESTS_PER_CONNECTION / 4);
            return answered;
        }
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(RawHttp.Response response) {
        assertThat(response.status()).isEqualTo(201);
        return JSON.readTree(response.text());
    }
}
