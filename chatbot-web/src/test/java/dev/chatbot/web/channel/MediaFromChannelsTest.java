package dev.chatbot.web.channel;

import static dev.chatbot.web.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.FakeServers;
import dev.chatbot.web.testing.WebTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * A photo sent on WhatsApp or Telegram is acknowledged to the customer, hands the conversation to a person, and the
 * agent opens it from the console, fetched from the (fake) platform's API then.
 */
class MediaFromChannelsTest extends WebTestBase {

    @Autowired
    ChannelStore channels;

    @Test
    void aPhotoSentOnWhatsAppReachesTheAgent() throws Exception {
        String from = "4920" + (100000 + (int) (Math.random() * 899999));
        String mediaId = "wa-media-" + UUID.randomUUID();
        String wamid = "wamid." + UUID.randomUUID().toString().replace("-", "");
        String body =
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"1234\"},\"messages\":[{"
                        + "\"from\":\"" + from + "\",\"id\":\"" + wamid
                        + "\",\"timestamp\":\"1700000000\",\"type\":\"image\","
                        + "\"image\":{\"id\":\"" + mediaId + "\",\"mime_type\":\"image/jpeg\",\"sha256\":\"x\","
                        + "\"caption\":\"The box arrived crushed\"}},"
                        + "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "-loc\",\"type\":\"location\","
                        + "\"location\":{\"latitude\":52.52,\"longitude\":13.405}}]}}]}]}";
        http.mutate()
                .responseTimeout(Duration.ofSeconds(30))
                .build()
                .post()
                .uri("/webhooks/whatsapp")
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        "X-Hub-Signature-256",
                        "sha256=" + Hmacs.sha256Hex(WHATSAPP_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.received")
                .isEqualTo(2);

        FakeServers fakes = FakeServers.get();
        await(
                Duration.ofSeconds(10),
                "the acknowledgement sent to the customer",
                () -> fakes.platformRequests.stream()
                        .anyMatch(r -> r.body().contains("\"to\":\"" + from + "\"")
                                && r.body().contains("we got your photo")));
        ConversationId id =
                channels.conversationsOf(new ChannelAddress("whatsapp", from)).get(0);
        Map<String, Object> conversation = agentOpens(id, wamid, mediaId);
        assertThat(conversation.get("media").toString()).contains("location=52.52,13.405");
        assertThat(conversation.get("contact")).isEqualTo(Map.of("channel", "whatsapp", "address", from));
        assertThat(conversation.get("events").toString()).contains("[photo] The box arrived crushed");
    }

    @Test
    void aPhotoSentOnTelegramReachesTheAgent() throws Exception {
        long chat = 900000 + (long) (Math.random() * 99999);
        String fileId = "tg-file-" + UUID.randomUUID();
        String body = "{\"update_id\":" + chat + ",\"message\":{\"message_id\":5,\"from\":{\"id\":" + chat + "},"
                + "\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"photo\":["
                + "{\"file_id\":\"small-" + fileId + "\",\"width\":90,\"height\":90},"
                + "{\"file_id\":\"" + fileId + "\",\"width\":1280,\"height\":960}]}}";
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
                .isOk()
                .expectBody()
                .jsonPath("$.received")
                .isEqualTo(1);

        FakeServers fakes = FakeServers.get();
        await(
                Duration.ofSeconds(10),
                "the acknowledgement sent to the customer",
                () -> fakes.platformRequests.stream()
                        .anyMatch(r -> r.body().contains("\"chat_id\":\"" + chat + "\"")
                                && r.body().contains("we got your photo")));
        ConversationId id = channels.conversationsOf(new ChannelAddress("telegram", Long.toString(chat)))
                .get(0);
        agentOpens(id, "tg-" + chat, fileId);
    }

    /** The agent sees the conversation queued for the photo and opens it; returns the conversation as the console has it. */
    private Map<String, Object> agentOpens(ConversationId id, String messageId, String platformId) throws Exception {
        ConsoleSession agent = ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
        Map<String, Object> conversation =
                agent.get("/api/v1/console/conversations/" + id.value()).json();
        assertThat(conversation.get("state")).isEqualTo("QUEUED");
        assertThat(conversation.get("escalationReason")).isEqualTo("MEDIA");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> media = (List<Map<String, Object>>) conversation.get("media");
        Map<String, Object> photo = media.stream()
                .filter(m -> m.get("messageId").equals(messageId))
                .findFirst()
                .orElseThrow();
        assertThat(photo.get("kind")).isEqualTo("image");

        HttpResponse<byte[]> file = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + photo.get("url")))
                                .header("Cookie", agent.cookieHeader())
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains("image/jpeg");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(file.body()).isEqualTo(FakeServers.file(platformId));

        HttpResponse<String> anonymous = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + photo.get("url")))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isIn(302, 401, 403);
        return conversation;
    }
}
