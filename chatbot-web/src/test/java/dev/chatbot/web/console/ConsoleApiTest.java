package dev.chatbot.web.console;

import static dev.chatbot.web.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.ConversationService;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.channel.Hmacs;
import dev.chatbot.web.channel.generic.WebhookSignature;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.FakeServers;
import dev.chatbot.web.testing.WebTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** The console's JSON API: the queue's fields, the actions and their refusals, and replies to webhook users. */
class ConsoleApiTest extends WebTestBase {

    /** A test that starts the callback receiver owns it: it is down again for the next. */
    @AfterEach
    void callbackReceiverDown() {
        FakeServers.get().stopCallbackReceiver();
    }

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    ConversationService conversations;

    @Autowired
    QueueSnapshots snapshots;

    @Autowired
    MeterRegistry registry;

    private ConsoleSession admin() {
        return ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
    }

    private ConversationId escalated(String text) {
        ConversationId id = conversations.start("web", "en");
        conversations.receive(id, MessageId.of("m-" + UUID.randomUUID()), text);
        conversations.requestHuman(id);
        return id;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQueueShowsWaitingTimeReasonLastMessageAndTheTopThreeGuesses() {
        ConversationId id = escalated("Can you recommend a good plumber for my kitchen sink?");
        ConsoleSession admin = admin();
        Map<String, Object> queue = admin.get("/api/v1/console/queue").json();
        Map<String, Object> item = null;
        for (int offset = 0; item == null && offset < ((Number) queue.get("total")).intValue(); offset += 200) {
            // the newest is at the end of the queue: page through it (other tests leave conversations waiting)
            item = ((List<Map<String, Object>>) admin.get("/api/v1/console/queue?limit=200&offset=" + offset)
                            .json()
                            .get("queue"))
                    .stream()
                            .filter(i -> i.get("conversationId").equals(id.value()))
                            .findFirst()
                            .orElse(null);
        }
        assertThat(item).as("%s in the queue", id.value()).isNotNull();
        assertThat(item).containsKeys("waitingSince", "waitingSeconds", "reason", "channel", "lastMessage", "guesses");
        assertThat(((Map<String, Object>) item.get("lastMessage")).get("text"))
                .isEqualTo("Can you recommend a good plumber for my kitchen sink?");
        List<Map<String, Object>> guesses = (List<Map<String, Object>>) item.get("guesses");
        assertThat(guesses).hasSize(3).allSatisfy(g -> assertThat(g).containsKeys("intent", "confidence"));
        assertThat(queue).containsKeys("now", "agentsOnline");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQueueIsPagedWithItsTotal() {
        for (int i = 0; i < 3; i++) {
            escalated("Can you recommend a good plumber, number " + i + "?");
        }
        ConsoleSession admin = admin();
        Map<String, Object> first = admin.get("/api/v1/console/queue?limit=1").json();
        assertThat((List<Object>) first.get("queue")).hasSize(1);
        assertThat(((Number) first.get("total")).intValue()).isGreaterThanOrEqualTo(3);
        Map<String, Object> next =
                admin.get("/api/v1/console/queue?offset=1&limit=2").json();
        assertThat((List<Object>) next.get("queue")).hasSize(2);
        assertThat(next.get("offset")).isEqualTo(1);
        assertThat(((List<Map<String, Object>>) next.get("queue")).get(0).get("conversationId"))
                .isNotEqualTo(
                        ((List<Map<String, Object>>) first.get("queue")).get(0).get("conversationId"));
        for (String bad : List.of("limit=0", "limit=201", "offset=-1", "limit=x", "offset=1e3")) {
            ConsoleSession.Response refused = admin.get("/api/v1/console/queue?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("must be a whole number");
        }
    }

    @Test
    void everyConsoleFeedSharesOneReadOfTheQueueAndTheGaugeReadsItsLength() {
        escalated("Can you recommend a good plumber for my garden?");
        Flux<List<dev.chatbot.conversation.Routing.RoutedEntry>> reads = snapshots.reads();
        List<Object> seenByFirst = new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.core.Disposable firstConsole = reads.subscribe(seenByFirst::add);
        try {
            await(Duration.ofSeconds(20), "the first console's read", () -> !seenByFirst.isEmpty());
            List<dev.chatbot.conversation.Routing.RoutedEntry> second =
                    reads.next().block(Duration.ofSeconds(20));
            // the same object, not a second read: the later console is handed what the first one was
            await(
                    Duration.ofSeconds(20),
                    "both consoles see one read",
                    () -> seenByFirst.stream().anyMatch(m -> m == second));
            assertThat(registry.get("chatbot.handoff.queue.length").gauge().value())
                    .isEqualTo(second.size());
            Map<String, Object> adminsPage = snapshots
                    .live(dev.chatbot.transcript.AgentId.of(ADMIN))
                    .next()
                    .block(Duration.ofSeconds(20));
            assertThat(((Number) adminsPage.get("total")).intValue())
                    .as("an admin sees every waiting conversation")
                    .isEqualTo(second.size());
        } finally {
            firstConsole.dispose();
        }
    }

    @Test
    void actionsOutOfTurnAreRefusedWithClearStatuses() {
        ConsoleSession admin = admin();
        ConversationId id = escalated("something odd");
        String path = "/api/v1/console/conversations/" + id.value();
        assertThat(admin.post(path + "/replies", Map.of("text", "too early")).status())
                .isEqualTo(409);
        assertThat(admin.post(path + "/hand-back", null).status()).isEqualTo(409);
        assertThat(admin.post(path + "/claim", null).status()).isEqualTo(200);
        assertThat(admin.post(path + "/claim", null).status()).isEqualTo(409);
        assertThat(admin.post(path + "/replies", Map.of("text", " ")).status()).isEqualTo(400);
        assertThat(admin.post(path + "/replies", Map.of("text", "x".repeat(2001)))
                        .status())
                .isEqualTo(422);
        assertThat(admin.post(path + "/labels", Map.of("messageId", "no-such-message", "intent", "greeting"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post(path + "/labels", Map.of("messageId", "x", "intent", "two words"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post(path + "/resolve", null).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/console/conversations/nosuchconversation").status())
                .isEqualTo(404);
        assertThat(admin.post("/api/v1/console/presence", Map.of("status", "sleeping"))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/api/v1/console/agents", Map.of("username", "shorty", "password", "short"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyActionIsAnEventInTheTranscript() {
        ConsoleSession admin = admin();
        ConversationId id = escalated("Can you recommend a good plumber for my kitchen sink?");
        String path = "/api/v1/console/conversations/" + id.value();
        admin.post(path + "/claim", null);
        admin.post(path + "/replies", Map.of("text", "We only sell homeware, sorry."));
        Map<String, Object> view = admin.get(path).json();
        String messageId = ((List<Map<String, Object>>) view.get("events"))
                .stream()
                        .filter(e -> e.get("type").equals("MessageReceived"))
                        .findFirst()
                        .orElseThrow()
                        .get("messageId")
                        .toString();
        assertThat(admin.post(path + "/labels", Map.of("messageId", messageId, "intent", "plumbing_referral"))
                        .json())
                .containsEntry("known", false);
        assertThat(admin.post(path + "/not-covered", Map.of("messageId", messageId))
                        .json())
                .containsEntry("notCovered", true);
        assertThat(admin.post(path + "/not-covered", Map.of("messageId", "no-such-message"))
                        .status())
                .isEqualTo(400);
        admin.post(path + "/hand-back", null);
        admin.post(path + "/resolve", null);
        List<Map<String, Object>> events =
                (List<Map<String, Object>>) admin.get(path).json().get("events");
        assertThat(events)
                .extracting(e -> e.get("type"))
                .containsSubsequence(
                        "Escalated",
                        "Claimed",
                        "AgentReplied",
                        "Labelled",
                        "MarkedNotCovered",
                        "HandedBack",
                        "Resolved");
        assertThat(events)
                .filteredOn(e -> e.get("type").equals("MarkedNotCovered"))
                .extracting(e -> e.get("messageId"))
                .containsExactly(messageId);
        assertThat(events)
                .filteredOn(e -> e.get("type").equals("Claimed"))
                .extracting(e -> e.get("agent"))
                .containsExactly(ADMIN);
    }

    @Test
    void anAgentReplyToAWebhookUserGoesToTheChannelCallback() throws Exception {
        FakeServers fakes = FakeServers.get();
        fakes.startCallbackReceiver();
        String user = "console-user-" + UUID.randomUUID();
        String body = "{\"messageId\":\"c-" + user + "\",\"userId\":\"" + user
                + "\",\"text\":\"I want to talk to a person\"}";
        long now = Instant.now().getEpochSecond();
        Map<String, Object> reply = http.post()
                .uri("/webhooks/generic")
                .contentType(MediaType.APPLICATION_JSON)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(
                        WebhookSignature.SIGNATURE_HEADER,
                        "sha256="
                                + Hmacs.sha256Hex(GENERIC_SECRET, (now + "." + body).getBytes(StandardCharsets.UTF_8)))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        ConversationId id = ConversationId.of((String) reply.get("conversationId"));
        conversations.requestHuman(id);
        ConsoleSession admin = admin();
        String path = "/api/v1/console/conversations/" + id.value();
        assertThat(admin.post(path + "/claim", null).status()).isEqualTo(200);
        assertThat(admin.post(path + "/replies", Map.of("text", "Hello from the console"))
                        .status())
                .isEqualTo(200);
        await(
                Duration.ofSeconds(60),
                "the agent reply delivered to the callback",
                () -> fakes.callbacks.stream()
                        .anyMatch(c -> c.body().contains(user) && c.body().contains("Hello from the console")));
    }

    @Test
    void theFaqListsEveryIntentWithItsAnswerForCannedReplies() {
        ConsoleSession.Response response = admin().get("/api/v1/console/faq");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"intent\":\"opening_hours\"", "Monday to Friday");
    }
}
