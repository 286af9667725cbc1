package dev.chatbot.web.channel;

import static dev.chatbot.web.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.web.testing.FakeServers;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** WhatsApp Cloud API and Telegram Bot API adapters: handshake, signatures, replies through their APIs. */
class PlatformWebhooksTest extends WebTestBase {

    @Test
    void whatsAppVerificationEchoesTheChallengeOnlyForTheRightToken() {
        http.get().uri("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=12345")
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("12345");
        http.get().uri("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=12345")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void whatsAppMessagesNeedAValidSignatureAndAreAnsweredThroughTheGraphApi() {
        String from = "4915" + (100000 + (int) (Math.random() * 899999));
        String id = "wamid." + UUID.randomUUID().toString().replace("-", "");
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"1234\"},"
                + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + id + "\",\"timestamp\":\"1700000000\","
                + "\"type\":\"text\",\"text\":{\"body\":\"How much does delivery cost?\"}}]}}]}]}";
        http.post().uri("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", "sha256=" + Hmacs.sha256Hex("wrong", body.getBytes(StandardCharsets.UTF_8)))
                .bodyValue(body).exchange().expectStatus().isUnauthorized();
        http.post().uri("/webhooks/whatsapp").contentType(MediaType.APPLICATION_JSON)
                .header("X-Hub-Signature-256", "sha256=" + Hmacs.sha256Hex(WHATSAPP_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .bodyValue(body).exchange().expectStatus().isOk();
        FakeServers fakes = FakeServers.get();
        await(Duration.ofSeconds(60), "a reply sent through the Graph API", () -> fakes.platformRequests.stream()
                .anyMatch(r -> r.path().equals("/graph/1234/messages") && r.body().contains(from)));
        var sent = fakes.platformRequests.stream().filter(r -> r.body().contains(from)).findFirst().orElseThrow();
        assertThat(sent.header("Authorization")).isEqualTo("Bearer wa-token");
        assertThat(sent.body()).contains("\"messaging_product\":\"whatsapp\"", "delivery");
    }

    @Test
    void telegramUpdatesNeedTheSecretTokenAndAreAnsweredThroughTheBotApi() {
        long chat = 700000 + (long) (Math.random() * 100000);
        String body = "{\"update_id\":" + chat + ",\"message\":{\"message_id\":1,\"from\":{\"id\":" + chat
                + ",\"language_code\":\"en\"},\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},"
                + "\"text\":\"What is your return policy?\"}}";
        http.post().uri("/webhooks/telegram").contentType(MediaType.APPLICATION_JSON)
                .header("X-Telegram-Bot-Api-Secret-Token", "wrong").bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/webhooks/telegram").contentType(MediaType.APPLICATION_JSON)
                .header("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET).bodyValue(body).exchange()
                .expectStatus().isOk();
        FakeServers fakes = FakeServers.get();
        await(Duration.ofSeconds(60), "a reply sent through the Bot API", () -> fakes.platformRequests.stream()
                .anyMatch(r -> r.path().equals("/telegram/bottg-token/sendMessage")
                        && r.body().contains("\"chat_id\":\"" + chat + "\"")));
    }
}
