package dev.chatbot.web.channel;

import static dev.chatbot.web.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.Delivery;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.FakeServers;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * Deliveries the platform refuses for good (the fake platforms answer as WhatsApp and Telegram do) become dead
 * letters after one attempt, never hold up other messages, are counted, and are shown to the agent with the reason.
 */
class DeadLetterTest extends WebTestBase {

    @Autowired
    ChannelStore channels;

    @Test
    void aThousandPermanentlyRefusedDeliveriesDoNotHoldUpANewMessage() {
        String run = Long.toString(System.nanoTime() % 1_000_000);
        FakeServers fakes = FakeServers.get();
        Instant now = Instant.now();
        for (int i = 0; i < 1_000; i++) {
            String conversation = "refused-" + run + "-" + i;
            channels.enqueue(new Delivery(
                    conversation + ":3",
                    conversation,
                    3,
                    new ChannelAddress("telegram", FakeServers.BLOCKED + run + "x" + i),
                    "AgentReplied",
                    "Your parcel left the warehouse.",
                    List.of(),
                    0,
                    now,
                    now));
        }
        await(
                Duration.ofSeconds(120),
                "every refused delivery a dead letter",
                () -> channels.deadLetters(ConversationId.of("refused-" + run + "-999"))
                                .size()
                        == 1);

        long chat = 800_000 + (long) (Math.random() * 100_000);
        telegram(chat, "What is your return policy?");
        await(
                Duration.ofSeconds(10),
                "the new message's reply sent through the Bot API",
                () -> fakes.platformRequests.stream().anyMatch(r -> r.body().contains("\"chat_id\":\"" + chat + "\"")));
        for (int i = 0; i < 1_000; i += 111) {
            assertThat(channels.deadLetters(ConversationId.of("refused-" + run + "-" + i)))
                    .singleElement()
                    .satisfies(d -> assertThat(d.reason()).isEqualTo("Forbidden: bot was blocked by the user"));
        }
        // each refused message was tried once: a permanent refusal is not retried
        String blocked = "\"chat_id\":\"" + FakeServers.BLOCKED + run + "x";
        assertThat(fakes.platformRequests.stream()
                        .filter(r -> r.body().contains(blocked))
                        .count())
                .isEqualTo(1_000);

        String metrics = http.get()
                .uri("/actuator/prometheus")
                .header("Authorization", "Bearer " + SCRAPE_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(metrics).containsPattern("chatbot_delivery_dead_letters_total\\{channel=\"telegram\"\\} \\d{4}");
    }

    @Test
    void aReplyOutsideWhatsAppsWindowIsShownToTheAgentAsNotDeliveredWithTheReason() {
        String from = FakeServers.WINDOW_CLOSED + (100000 + (int) (Math.random() * 899999));
        String body =
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"1234\"},"
                        + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"wamid."
                        + UUID.randomUUID().toString().replace("-", "")
                        + "\",\"timestamp\":\"1700000000\",\"type\":\"text\",\"text\":{\"body\":\"How much does delivery cost?\"}}]}}]}]}";
        http.post()
                .uri("/webhooks/whatsapp")
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        "X-Hub-Signature-256",
                        "sha256=" + Hmacs.sha256Hex(WHATSAPP_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
        ConversationId id =
                channels.conversationsOf(new ChannelAddress("whatsapp", from)).get(0);
        await(
                Duration.ofSeconds(10),
                "the refused reply kept as a dead letter",
                () -> !channels.deadLetters(id).isEmpty());

        ConsoleSession agent = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        Map<String, Object> conversation =
                agent.get("/api/v1/console/conversations/" + id.value()).json();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> undelivered = (List<Map<String, Object>>) conversation.get("undelivered");
        assertThat(undelivered).singleElement().satisfies(d -> {
            assertThat(d.get("reason").toString()).startsWith("WhatsApp's 24-hour window is closed");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> events = (List<Map<String, Object>>) conversation.get("events");
            assertThat(events).anySatisfy(e -> {
                assertThat(e.get("seq")).isEqualTo(d.get("seq"));
                assertThat(e.get("from")).isEqualTo("bot");
            });
        });
    }

    private void telegram(long chat, String text) {
        String body = "{\"update_id\":" + chat + ",\"message\":{\"message_id\":1,\"from\":{\"id\":" + chat
                + ",\"language_code\":\"en\"},\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},"
                + "\"text\":\"" + text + "\"}}";
        // the first message of a test run may wait for the model to warm up
        http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/webhooks/telegram")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }
}
