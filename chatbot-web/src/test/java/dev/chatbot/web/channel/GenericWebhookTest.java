package dev.chatbot.web.channel;

import static dev.chatbot.web.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.channel.generic.WebhookSignature;
import dev.chatbot.web.testing.FakeServers;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The generic signed webhook (DESIGN.md §7): signatures, replay window, duplicates, callback delivery. */
class GenericWebhookTest extends WebTestBase {

    /** A test that starts the callback receiver owns it: it is down again for the next. */
    @AfterEach
    void callbackReceiverDown() {
        FakeServers.get().stopCallbackReceiver();
    }

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    TranscriptStore store;

    @Autowired
    AgentDesk desk;

    @Autowired
    dev.chatbot.conversation.ConversationService conversations;

    @Autowired
    ChannelStore channels;

    static String body(String messageId, String userId, String text) {
        return "{\"messageId\":\"" + messageId + "\",\"userId\":\"" + userId + "\",\"text\":\"" + text + "\"}";
    }

    static String sign(String secret, long timestamp, String body) {
        return "sha256=" + Hmacs.sha256Hex(secret, (timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    }

    WebTestClient.ResponseSpec post(String body, Long timestamp, String signature) {
        WebTestClient.RequestBodySpec request =
                http.post().uri("/webhooks/generic").contentType(MediaType.APPLICATION_JSON);
        if (timestamp != null) {
            request.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        }
        if (signature != null) {
            request.header(WebhookSignature.SIGNATURE_HEADER, signature);
        }
        return request.bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec postSigned(String body) {
        long now = Instant.now().getEpochSecond();
        return post(body, now, sign(GENERIC_SECRET, now, body));
    }

    @Test
    void aSignedMessageIsAnsweredInTheResponse() {
        Map<String, Object> reply = postSigned(body("g-1", "user-1", "How much does shipping cost?"))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(reply).containsKeys("messageId", "conversationId", "state", "replies", "escalation");
        assertThat(reply.get("state")).isEqualTo("BOT");
        assertThat(reply.get("replies").toString()).contains("shipping_cost");
    }

    @Test
    void aBadOrMissingSignatureIs401() {
        String body = body("g-bad", "user-2", "hello");
        long now = Instant.now().getEpochSecond();
        post(body, now, sign("wrong-secret", now, body))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("unauthorized");
        post(body, now, null).expectStatus().isUnauthorized();
        post(body, null, sign(GENERIC_SECRET, now, body)).expectStatus().isUnauthorized();
        post(body.replace("hello", "hullo"), now, sign(GENERIC_SECRET, now, body))
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aStaleTimestampIs401EvenWhenSignedCorrectly() {
        String body = body("g-stale", "user-3", "hello");
        long stale = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();
        post(body, stale, sign(GENERIC_SECRET, stale, body))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("replay window"));
        long future = Instant.now().plus(Duration.ofMinutes(6)).getEpochSecond();
        post(body, future, sign(GENERIC_SECRET, future, body)).expectStatus().isUnauthorized();
    }

    @Test
    void thePreviousSecretIsStillAcceptedDuringRotation() {
        String body = body("g-rot", "user-4", "hello");
        long now = Instant.now().getEpochSecond();
        post(body, now, sign(PREVIOUS_SECRET, now, body)).expectStatus().isOk();
    }

    @Test
    void aDuplicateMessageIdGetsTheOriginalResultAndIsNotProcessedAgain() {
        String id = "g-dup-" + UUID.randomUUID();
        Map<String, Object> first = postSigned(body(id, "user-5", "Where is my order?"))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        Map<String, Object> again = postSigned(body(id, "user-5", "Where is my order?"))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(again).isEqualTo(first);
        long received = store.read(ConversationId.of((String) first.get("conversationId")), 0).stream()
                .filter(e -> e.event().type().equals("MessageReceived"))
                .count();
        assertThat(received).isEqualTo(1);
    }

    @Test
    void aMalformedBodyIs400() {
        postSigned("{\"messageId\":\"x\"}").expectStatus().isBadRequest();
        postSigned("not json").expectStatus().isBadRequest();
    }

    @Test
    void agentRepliesReachTheCallbackAfterItWasDownSignedAndInOrder() throws Exception {
        FakeServers fakes = FakeServers.get();
        fakes.stopCallbackReceiver(); // this test owns the receiver: down until it says so
        assertThat(fakes.callbackPortAccepts())
                .as("the callback receiver is down")
                .isFalse();
        String user = "user-callback-" + UUID.randomUUID();
        Map<String, Object> reply = postSigned(body("g-cb-1", user, "Hello"))
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        ConversationId id = ConversationId.of((String) reply.get("conversationId"));
        conversations.requestHuman(id);
        AgentId agent = AgentId.of("bob");
        assertThat(desk.claim(id, agent)).isTrue();
        desk.reply(id, agent, "First reply from the team");
        desk.reply(id, agent, "Second reply from the team");

        // the receiver is down: an attempt failed (and will be retried with backoff), nothing arrived
        await(
                Duration.ofSeconds(30),
                "a failed attempt to deliver the first reply",
                () -> channels.pending(10_000).stream()
                        .anyMatch(d -> d.conversationId().equals(id.value()) && d.attempts() > 0));
        assertThat(channels.pending(10_000))
                .filteredOn(d -> d.conversationId().equals(id.value()))
                .hasSize(2);
        assertThat(fakes.callbacks).noneMatch(c -> c.body().contains(user));

        fakes.startCallbackReceiver();
        await(
                Duration.ofSeconds(60),
                "both agent replies delivered",
                () -> fakes.callbacks.stream()
                                .filter(c -> c.body().contains(user))
                                .count()
                        == 2);
        var delivered =
                fakes.callbacks.stream().filter(c -> c.body().contains(user)).toList();
        assertThat(delivered.get(0).body()).contains("First reply from the team");
        assertThat(delivered.get(1).body()).contains("Second reply from the team");
        for (var c : delivered) {
            long ts = Long.parseLong(c.header(WebhookSignature.TIMESTAMP_HEADER));
            assertThat(c.header(WebhookSignature.SIGNATURE_HEADER)).isEqualTo(sign(GENERIC_SECRET, ts, c.body()));
        }
    }
}
