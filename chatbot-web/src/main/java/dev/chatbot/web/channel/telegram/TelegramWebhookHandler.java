package dev.chatbot.web.channel.telegram;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.web.channel.ChannelInbox;
import dev.chatbot.web.channel.Hmacs;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(TelegramWebhookHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String secretToken;
    private final ChannelInbox inbox;
    private final JsonBodies json;

    TelegramWebhookHandler(String secretToken, ChannelInbox inbox, JsonBodies json) {
        this.secretToken = secretToken;
        this.inbox = inbox;
        this.json = json;
    }

    Mono<ServerResponse> receive(ServerRequest request) {
        if (!Hmacs.constantTimeEquals(secretToken, request.headers().firstHeader("X-Telegram-Bot-Api-Secret-Token"))) {
            return Mono.error(ApiException.unauthorized("X-Telegram-Bot-Api-Secret-Token is missing or wrong"));
        }
        // an authenticated update always gets 200: Telegram would otherwise retry it and hold back the updates after it
        return json.bytes(request).defaultIfEmpty(new byte[0]).flatMap(body -> {
            JsonNode update;
            try {
                update = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            } catch (JacksonException e) {
                log.warn("Skipped a Telegram update that is not valid JSON");
                return ok(0);
            }
            JsonNode message = update.path("message");
            String chat = message.path("chat").path("id").asString("");
            long updateId = update.path("update_id").asLong(-1);
            if (!message.path("text").isString() || chat.isBlank() || chat.length() > 200 || updateId < 0) {
                return ok(0); // not a text message: acknowledged, nothing to answer
            }
            String locale = message.path("from").path("language_code").asString("en");
            return inbox.take(new ChannelAddress(CHANNEL, chat), "tg-" + updateId,
                            locale.matches("[A-Za-z-]{2,12}") ? locale : "en", message.path("text").asString())
                    .flatMap(taken -> ok(taken ? 1 : 0));
        });
    }

    private Mono<ServerResponse> ok(int received) {
        return json.ok(Map.of("received", received));
    }
}
