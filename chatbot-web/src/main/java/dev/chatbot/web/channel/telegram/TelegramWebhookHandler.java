package dev.chatbot.web.channel.telegram;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.conversation.CustomerText;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.channel.ChannelInbox;
import dev.chatbot.web.channel.Hmacs;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telegram Bot API webhook: updates carry {@code X-Telegram-Bot-Api-Secret-Token} (the secret given to
 * setWebhook); text messages go through the pipeline under the id {@code tg-<update_id>}, so Telegram's
 * redeliveries are not processed twice. Answers go out through the outbox.
 */
final class TelegramWebhookHandler {

    static final String CHANNEL = "telegram";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String secretToken;
    private final ChannelInbox inbox;
    private final JsonBodies json;
    private final int maxMessageLength;

    TelegramWebhookHandler(String secretToken, ChannelInbox inbox, JsonBodies json, int maxMessageLength) {
        this.secretToken = secretToken;
        this.inbox = inbox;
        this.json = json;
        this.maxMessageLength = maxMessageLength;
    }

    Mono<ServerResponse> receive(ServerRequest request) {
        if (!Hmacs.constantTimeEquals(secretToken, request.headers().firstHeader("X-Telegram-Bot-Api-Secret-Token"))) {
            return Mono.error(ApiException.unauthorized("X-Telegram-Bot-Api-Secret-Token is missing or wrong"));
        }
        return json.bytes(request).defaultIfEmpty(new byte[0]).flatMap(body -> {
            JsonNode update;
            try {
                update = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            } catch (JacksonException e) {
                return Mono.error(ApiException.badRequest("the body is not valid JSON"));
            }
            JsonNode message = update.path("message");
            String text = message.path("text").asString("");
            String chat = message.path("chat").path("id").asString("");
            long updateId = update.path("update_id").asLong(-1);
            if (text.isBlank() || chat.isBlank() || updateId < 0) {
                return ok(0); // not a text message: acknowledged, nothing to answer
            }
            CustomerText checked = CustomerText.of(text, maxMessageLength);
            String locale = message.path("from").path("language_code").asString("en");
            MessageId id = MessageId.of("tg-" + updateId);
            return inbox.receive(new ChannelAddress(CHANNEL, chat), id,
                            locale.matches("[A-Za-z-]{2,12}") ? locale : "en", checked)
                    .then(ok(1));
        });
    }

    private Mono<ServerResponse> ok(int received) {
        return json.ok(Map.of("received", received));
    }
}
