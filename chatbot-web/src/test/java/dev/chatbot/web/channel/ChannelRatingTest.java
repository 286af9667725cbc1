package dev.chatbot.web.channel;

import static dev.chatbot.web.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.testing.FakeServers;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * On WhatsApp and Telegram (scores other than 4, which {@code RatingBrowserTest} counts in the shared context) a closed conversation asks for a rating with the scores as quick replies, and the
 * customer's score, sent through the signed webhook, is recorded as the conversation's rating.
 */
class ChannelRatingTest extends WebTestBase {

    @Autowired
    ChannelStore channels;

    @Autowired
    TranscriptStore transcripts;

    private ConversationId onlyConversationOf(ChannelAddress address) {
        await(
                Duration.ofSeconds(60),
                "the conversation of " + address,
                () -> !channels.conversationsOf(address).isEmpty());
        List<ConversationId> all = channels.conversationsOf(address);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** The bot closes the conversation (once its answer is recorded). */
    private void close(ConversationId id) {
        await(
                Duration.ofSeconds(60),
                "the bot's answer",
                () -> transcripts.read(id, 0).stream()
                        .anyMatch(e -> e.event() instanceof TranscriptEvent.BotAnswered
                                || e.event() instanceof TranscriptEvent.ClarificationOffered
                                || e.event() instanceof TranscriptEvent.Escalated));
        transcripts.append(
                id, transcripts.session(id).lastSequence(), List.of(new TranscriptEvent.Resolved(Instant.now(), null)));
    }

    private Optional<TranscriptEvent.ConversationRated> rating(ConversationId id) {
        return transcripts.read(id, 0).stream()
                .map(StoredEvent::event)
                .filter(e -> e instanceof TranscriptEvent.ConversationRated)
                .map(e -> (TranscriptEvent.ConversationRated) e)
                .findFirst();
    }

    private void telegram(long chat, int update, String text) {
        String body =
                "{\"update_id\":" + update + ",\"message\":{\"message_id\":" + update + ",\"from\":{\"id\":" + chat
                        + ",\"language_code\":\"en\"},\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},"
                        + "\"text\":\"" + text + "\"}}";
        http.post()
                .uri("/webhooks/telegram")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** A tap on an inline keyboard button of the bot's message. */
    private void tap(long chat, int update, String data) {
        String body = "{\"update_id\":" + update + ",\"callback_query\":{\"id\":\"cb" + update + "\",\"from\":{\"id\":"
                + chat + "},\"message\":{\"message_id\":9,\"chat\":{\"id\":" + chat + ",\"type\":\"private\"}},"
                + "\"data\":\"" + data + "\"}}";
        http.post()
                .uri("/webhooks/telegram")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Telegram-Bot-Api-Secret-Token", TELEGRAM_SECRET)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                // the tap is answered in the webhook's response, so the button stops loading in the app
                .expectBody()
                .jsonPath("$.method")
                .isEqualTo("answerCallbackQuery")
                .jsonPath("$.callback_query_id")
                .isEqualTo("cb" + update);
    }

    private void whatsApp(String from, String text) {
        String id = "wamid." + UUID.randomUUID().toString().replace("-", "");
        String body =
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"1234\"},"
                        + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + id + "\",\"timestamp\":\"1700000000\","
                        + "\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]}}]}]}";
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
    }

    @Test
    void aTelegramCustomerRatesAClosedConversationWithAnInlineButton() {
        long chat = 800000 + (long) (Math.random() * 100000);
        ChannelAddress address = new ChannelAddress("telegram", Long.toString(chat));
        telegram(chat, 1, "What is your return policy?");
        ConversationId id = onlyConversationOf(address);
        close(id);

        FakeServers fakes = FakeServers.get();
        await(
                Duration.ofSeconds(60),
                "the rating prompt with a keyboard of the scores",
                () -> fakes.platformRequests.stream()
                        .anyMatch(r -> r.body().contains("\"chat_id\":\"" + chat + "\"")
                                && r.body().contains(OutboundRelay.RATING_PROMPT)
                                && r.body().contains("inline_keyboard")
                                && r.body().contains("\"callback_data\":\"rate:1\"")
                                && r.body().contains("\"callback_data\":\"rate:5\"")));

        tap(chat, 2, "rate:5");

        await(Duration.ofSeconds(60), "the rating recorded", () -> rating(id).isPresent());
        assertThat(rating(id).orElseThrow().score()).isEqualTo(5);
        assertThat(channels.conversationsOf(address))
                .as("the score started no new conversation")
                .hasSize(1);
        await(
                Duration.ofSeconds(60),
                "the thank-you",
                () -> fakes.platformRequests.stream()
                        .anyMatch(r -> r.body().contains("\"chat_id\":\"" + chat + "\"")
                                && r.body().contains(OutboundRelay.RATING_THANKS)));

        telegram(chat, 3, "3"); // a second score is not a second rating
        tap(chat, 5, "rate:9"); // a button the bot never sent is answered too, and ignored
        telegram(chat, 4, "What is your return policy?"); // and a question afterwards opens a new conversation
        await(
                Duration.ofSeconds(60),
                "a new conversation",
                () -> channels.conversationsOf(address).size() == 2);
        assertThat(transcripts.read(id, 0).stream().filter(e -> e.event() instanceof TranscriptEvent.ConversationRated))
                .hasSize(1);
    }

    @Test
    void aWhatsAppCustomerRatesWithANumberFromTheNumberedList() {
        String from = "4920" + (100000 + (int) (Math.random() * 899999));
        ChannelAddress address = new ChannelAddress("whatsapp", from);
        whatsApp(from, "How much does delivery cost?");
        ConversationId id = onlyConversationOf(address);
        close(id);

        FakeServers fakes = FakeServers.get();
        await(
                Duration.ofSeconds(60),
                "the rating prompt with the scores listed",
                () -> fakes.platformRequests.stream()
                        .anyMatch(r -> r.path().equals("/graph/1234/messages")
                                && r.body().contains(from)
                                && r.body().contains("rate this conversation")
                                && r.body().contains("• 1")
                                && r.body().contains("• 5")));

        whatsApp(from, " 2 ");

        await(Duration.ofSeconds(60), "the rating recorded", () -> rating(id).isPresent());
        assertThat(rating(id).orElseThrow().score()).isEqualTo(2);
        assertThat(channels.conversationsOf(address)).hasSize(1);
    }
}
