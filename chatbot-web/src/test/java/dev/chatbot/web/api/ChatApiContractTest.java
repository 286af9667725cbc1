package dev.chatbot.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.testing.WebTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The chat API's contract (DESIGN.md §7): paths, fields and every status code. */
class ChatApiContractTest extends WebTestBase {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    TranscriptStore store;

    @Autowired
    AgentDesk desk;

    @Autowired
    ConversationTokens tokens;

    record Started(String conversationId, String token) {}

    Started start() {
        Map<String, Object> body = http.post()
                .uri("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channel", "web", "locale", "en"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists("Location")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        return new Started((String) body.get("conversationId"), (String) body.get("token"));
    }

    Map<String, Object> send(Started c, String text, String clientMessageId) {
        return http.post()
                .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", text, "clientMessageId", clientMessageId))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void startingAConversationAnswers201WithIdAndToken() {
        Started c = start();
        assertThat(c.conversationId()).isNotBlank();
        assertThat(c.token()).isNotBlank();
        http.post().uri("/api/v1/conversations").exchange().expectStatus().isCreated(); // the body is optional
    }

    @Test
    void aStartWithTheFirstMessageAnswersItInTheSameRequest() {
        Map<String, Object> body = http.post()
                .uri("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "channel",
                        "web",
                        "locale",
                        "en",
                        "text",
                        "How much does delivery cost?",
                        "clientMessageId",
                        "first-1"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists("Location")
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(body).containsKeys("conversationId", "token", "state", "replies", "escalation");
        assertThat(body.get("state")).isEqualTo("BOT");
        assertThat(body.get("escalation")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) body.get("replies")).get(0);
        assertThat(first.get("intent")).isEqualTo("shipping_cost");
        Started c = new Started((String) body.get("conversationId"), (String) body.get("token"));
        assertThat(store.read(ConversationId.of(c.conversationId()), 0))
                .extracting(e -> e.event().type())
                .containsExactly("ConversationStarted", "MessageReceived", "BotAnswered");

        // the token works like a plain start's, and the first message's id is remembered
        Map<String, Object> again = send(c, "How much does delivery cost?", "first-1");
        assertThat(again.get("replies")).isEqualTo(body.get("replies"));
        send(c, "I want to speak to a human", "second-1");
        assertThat(store.read(ConversationId.of(c.conversationId()), 0)).hasSize(5);
    }

    @Test
    void aStartWhoseFirstMessageIsRefusedStoresNothing() {
        int before = store.conversations().size();
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("text", "   "),
                Map.<String, Object>of("text", "\u200b\u200e"),
                Map.<String, Object>of("text", "hello", "clientMessageId", "has spaces in it"),
                Map.<String, Object>of("clientMessageId", "no-text"),
                Map.<String, Object>of("text", 42))) {
            http.post()
                    .uri("/api/v1/conversations")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(bad)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(JSON)
                    .value(error -> assertThat(error).containsKeys("error", "message"));
        }
        http.post()
                .uri("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "x".repeat(2001)))
                .exchange()
                .expectStatus()
                .isEqualTo(422);
        assertThat(store.conversations()).hasSize(before);
    }

    @Test
    void aShopQuestionIsAnsweredWithTheContractFields() {
        Started c = start();
        Map<String, Object> reply = send(c, "How much does delivery cost?", "m-1");
        assertThat(reply).containsKeys("conversationId", "state", "replies", "escalation");
        assertThat(reply.get("conversationId")).isEqualTo(c.conversationId());
        assertThat(reply.get("state")).isEqualTo("BOT");
        assertThat(reply.get("escalation")).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) reply.get("replies")).get(0);
        assertThat(first).containsKeys("text", "intent", "confidence", "quickReplies");
        assertThat(first.get("intent")).isEqualTo("shipping_cost");
        assertThat((String) first.get("text")).contains("delivery");
    }

    @Test
    void aRepeatedClientMessageIdIsNotProcessedTwice() {
        Started c = start();
        Map<String, Object> first = send(c, "Where is my order?", "same-id");
        Map<String, Object> again = send(c, "Where is my order?", "same-id");
        assertThat(again).isEqualTo(first);
        long received = store.read(ConversationId.of(c.conversationId()), 0).stream()
                .filter(e -> e.event().type().equals("MessageReceived"))
                .count();
        assertThat(received).isEqualTo(1);
    }

    @Test
    void askingForAPersonQueuesTheConversationWithUserRequest() {
        Started c = start();
        send(c, "How much does delivery cost?", "before-handoff-1");
        Map<String, Object> reply = http.post()
                .uri("/api/v1/conversations/{id}/handoff", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(reply.get("state")).isEqualTo("QUEUED");
        assertThat(reply.get("escalation")).isEqualTo(Map.of("reason", "USER_REQUEST"));
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec rate(Started c, Object body) {
        return http.post()
                .uri("/api/v1/conversations/{id}/rating", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void aClosedConversationIsRatedOnceFrom1To5() {
        Started c = start();
        send(c, "What are your opening hours?", "m1");
        rate(c, Map.of("score", 5))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("rating_refused");
        desk.resolve(
                dev.chatbot.transcript.ConversationId.of(c.conversationId()), dev.chatbot.transcript.AgentId.of(ADMIN));
        for (Object bad : java.util.List.of(
                Map.of("score", 0), Map.of("score", 6), Map.of("comment", "no score"), Map.of("score", "five"))) {
            rate(c, bad)
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.error")
                    .isEqualTo("bad_request");
        }
        rate(c, Map.of("score", 3, "comment", "ok")).expectStatus().isNoContent();
        rate(c, Map.of("score", 5)).expectStatus().isEqualTo(409);
        http.get()
                .uri("/api/v1/conversations/{id}/events?after=0", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.events[-1].type")
                .isEqualTo("ConversationRated")
                .jsonPath("$.events[-1].score")
                .isEqualTo(3);
    }

    @Test
    void askingForAPersonBeforeSayingAnythingIsRefusedAndQueuesNothing() {
        Started c = start();
        http.post()
                .uri("/api/v1/conversations/{id}/handoff", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("no_customer_message")
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("message what you need first"));
        assertThat(desk.queue()).extracting(e -> e.conversationId().value()).doesNotContain(c.conversationId());
    }

    @Test
    void malformedJsonIs400WithAJsonError() {
        Started c = start();
        http.post()
                .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"text\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("bad_request")
                .jsonPath("$.message")
                .isNotEmpty();
    }

    @Test
    void aMessageWithoutTextIs400() {
        Started c = start();
        http.post()
                .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("clientMessageId", "x"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("bad_request");
    }

    @Test
    void aMissingOrWrongTokenIs401() {
        Started c = start();
        Started other = start();
        http.post()
                .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "hi"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("unauthorized");
        http.post()
                .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                .header("Authorization", "Bearer " + other.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "hi"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get()
                .uri("/api/v1/conversations/{id}/events", c.conversationId())
                .header("Authorization", "Bearer not-a-token")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void aRefusedRequestWithABodyClosesItsConnectionAndTheNextRequestIsAnswered() throws Exception {
        Started c = start();
        // refused before the body is read: the connection is closed after the answer, not reused half-read
        http.post()
                .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "hi"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("Connection", "close");
        // no body, or not refused: the connection stays open
        http.get()
                .uri("/api/v1/conversations/{id}/events", c.conversationId())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .doesNotExist("Connection");
        http.post()
                .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "hi"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("Connection");
        // the sequence of aMissingOrWrongTokenIs401 on one client (its connections reused), as often as it takes
        // to meet a stall that came about once in a CI run
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        Started current = c;
        for (int round = 0; round < 20; round++) {
            if (round % 5 == 0) {
                current = start(); // the tests allow 10 messages per conversation per minute
            }
            for (String token : java.util.Arrays.asList(null, "wrong", current.token())) {
                java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                baseUrl() + "/api/v1/conversations/" + current.conversationId() + "/messages"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"hi " + round + "\"}"));
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                java.net.http.HttpResponse<String> r =
                        client.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode())
                        .as("round " + round + ", token " + token)
                        .isEqualTo(token == current.token() ? 200 : 401);
            }
        }
    }

    @Test
    void anUnknownConversationIs404() {
        ConversationId unknown = ConversationId.random();
        http.get()
                .uri("/api/v1/conversations/{id}/events", unknown.value())
                .header("Authorization", "Bearer " + tokens.issue(unknown))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("not_found");
    }

    @Test
    void textOverTheLimitIsRefusedWith422NeverCut() {
        Started c = start();
        http.post()
                .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "a".repeat(2001)))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("message_too_long");
        assertThat(store.read(ConversationId.of(c.conversationId()), 0)).hasSize(1); // nothing stored
    }

    @Test
    void aBodyOverTheLimitIs413() {
        Started c = start();
        http.post()
                .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "a".repeat(20_000)))
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.error")
                .isEqualTo("payload_too_large");
    }

    @Test
    void tooManyMessagesInOneConversationAre429WithRetryAfter() {
        Started c = start();
        // the bucket holds 10 and refills continuously (one every 6 s): on a slow machine a message or two more may
        // pass before it runs dry, so send until the first refusal; it comes after at least the burst of 10
        int accepted = 0;
        EntityExchangeResult<byte[]> refused = null;
        while (refused == null && accepted < 100) {
            EntityExchangeResult<byte[]> r = http.post()
                    .uri("/api/v1/conversations/{id}/messages", c.conversationId())
                    .header("Authorization", "Bearer " + c.token())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("text", "hello", "clientMessageId", "burst-" + accepted))
                    .exchange()
                    .expectBody()
                    .returnResult();
            if (r.getStatus().value() == 200) {
                accepted++;
            } else {
                refused = r;
            }
        }
        assertThat(accepted).as("messages accepted before the first refusal").isGreaterThanOrEqualTo(10);
        assertThat(refused).as("a refusal within 100 messages").isNotNull();
        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(new String(refused.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"error\":\"rate_limited\"");
    }

    @Test
    void historyListsTheEventsInOrderAfterASequenceNumber() {
        Started c = start();
        send(c, "What is your returns policy?", "h-1");
        Map<String, Object> all = http.get()
                .uri("/api/v1/conversations/{id}/events?after=0", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) all.get("events");
        assertThat(events)
                .extracting(e -> e.get("type"))
                .containsExactly("ConversationStarted", "MessageReceived", "BotAnswered");
        assertThat(events.get(1).get("text")).isEqualTo("What is your returns policy?");
        assertThat(events.get(1)).doesNotContainKey("guesses");
        http.get()
                .uri("/api/v1/conversations/{id}/events?after=2", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.events.length()")
                .isEqualTo(1)
                .jsonPath("$.events[0].seq")
                .isEqualTo(3);
    }

    @Test
    void feedbackIsRecorded() {
        Started c = start();
        http.post()
                .uri("/api/v1/conversations/{id}/feedback", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("helpful", true, "comment", "quick answer"))
                .exchange()
                .expectStatus()
                .isNoContent();
        http.post()
                .uri("/api/v1/conversations/{id}/feedback", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("comment", "no rating"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void agentRepliesArriveLiveOnTheEventStreamWithTheTokenInTheQuery() {
        Started c = start();
        ConversationId id = ConversationId.of(c.conversationId());
        send(c, "How much does delivery cost?", "before-handoff-2"); // 2 and its answer 3
        http.post()
                .uri("/api/v1/conversations/{id}/handoff", c.conversationId())
                .header("Authorization", "Bearer " + c.token())
                .exchange()
                .expectStatus()
                .isOk();
        Flux<ServerSentEvent<Map<String, Object>>> stream = http.mutate()
                .responseTimeout(Duration.ofSeconds(60))
                .build()
                .get()
                .uri("/api/v1/conversations/{id}/stream?after=4&token={t}", c.conversationId(), c.token())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
                .getResponseBody()
                .filter(e -> e.data() != null);
        StepVerifier.create(stream)
                .then(() -> {
                    AgentId agent = AgentId.of("alice");
                    desk.claim(id, agent);
                    desk.reply(id, agent, "Hello, I am looking at your order now.");
                })
                .assertNext(e -> assertThat(e.event()).isEqualTo("Claimed"))
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("AgentReplied");
                    assertThat(e.data().get("text")).isEqualTo("Hello, I am looking at your order now.");
                    assertThat(e.id()).isEqualTo("6");
                })
                .thenCancel()
                .verify(Duration.ofSeconds(60));
    }

    @Test
    void widgetOriginsOnTheAllowlistMayCallTheApi() {
        http.options()
                .uri("/api/v1/conversations")
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectHeader()
                .valueEquals("Access-Control-Allow-Origin", "https://shop.example");
        http.options()
                .uri("/api/v1/conversations")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theOpenApiDocumentListsEveryRoute() {
        http.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.openapi")
                .isEqualTo("3.1.0")
                .jsonPath("$.paths['/api/v1/conversations'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/conversations/{id}/messages'].post.responses['422']")
                .exists()
                .jsonPath("$.paths['/api/v1/conversations/{id}/events'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/conversations/{id}/stream'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/conversations/{id}/feedback'].post")
                .exists()
                .jsonPath("$.paths['/webhooks/generic'].post")
                .exists();
    }

    @Test
    void healthAndPrometheusMetricsAreExposed() {
        send(start(), "Do you ship abroad?", "metrics-1");
        http.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        String metrics = http.get()
                .uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + SCRAPE_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics)
                .contains(
                        "chatbot_messages_total{channel=\"web\"}",
                        "chatbot_classification_seconds_bucket",
                        "chatbot_handoff_queue_length",
                        "chatbot_classification_queue",
                        "chatbot_model_info{version=",
                        "chatbot_delivery_pending",
                        "http_server_requests_seconds_count{");
        // the per-request long-task timer is switched off (application.yml): CPU on every request for a gauge
        assertThat(metrics).doesNotContain("http_server_requests_active");
    }
}
