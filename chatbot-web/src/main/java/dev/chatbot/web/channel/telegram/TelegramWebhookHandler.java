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
 * redeliveries are not processed twice; photos, voice notes, documents, stickers and locations are acknowledged and
 * handed to a person with their file id. Answers go out through the outbox.
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
            long updateId = update.path("update_id").asLong(-1);
            JsonNode callback = update.path("callback_query");
            if (callback.isObject()) {
                return tapped(callback, updateId);
            }
            JsonNode message = update.path("message");
            String chat = message.path("chat").path("id").asString("");
            if (chat.isBlank() || chat.length() > 200 || updateId < 0) {
                return ok(0); // not a message (an edit, a channel post...): acknowledged, nothing to answer
            }
            if (!message.path("text").isString()) {
                return media(new ChannelAddress(CHANNEL, chat), "tg-" + updateId, message);
            }
            String locale = message.path("from").path("language_code").asString("en");
            return inbox.take(
                            new ChannelAddress(CHANNEL, chat),
                            "tg-" + updateId,
                            locale.matches("[A-Za-z-]{2,12}") ? locale : "en",
                            message.path("text").asString())
                    .flatMap(taken -> ok(taken ? 1 : 0));
        });
    }

    /** What a rating button's callback data starts with; the score follows. */
    static final String RATE_PREFIX = "rate:";

    /**
     * A tap on an inline button: a rating button ({@code rate:<score>}) is taken like the score typed as a message;
     * any other is ignored. Either way the tap is answered ({@code answerCallbackQuery}, sent as the webhook's
     * response, as the Bot API allows), or the customer's app shows the button loading until it times out.
     */
    private Mono<ServerResponse> tapped(JsonNode callback, long updateId) {
        String chat = callback.path("message").path("chat").path("id").asString("");
        String data = callback.path("data").asString("");
        String callbackId = callback.path("id").asString("");
        Mono<Boolean> taken =
                chat.isBlank() || chat.length() > 200 || updateId < 0 || !data.matches(RATE_PREFIX + "[1-5]")
                        ? Mono.just(false)
                        : inbox.take(
                                new ChannelAddress(CHANNEL, chat),
                                "tg-" + updateId,
                                "en",
                                data.substring(RATE_PREFIX.length()));
        if (callbackId.isBlank() || callbackId.length() > 200) {
            return took(taken);
        }
        return taken.flatMap(t -> json.ok(Map.of("method", "answerCallbackQuery", "callback_query_id", callbackId)));
    }

    /** A photo (the largest size), voice note, audio, video, document, sticker or location; anything else is ignored. */
    private Mono<ServerResponse> media(ChannelAddress from, String id, JsonNode message) {
        String caption = message.path("caption").asString("");
        JsonNode photo = message.path("photo");
        if (photo.isArray() && !photo.isEmpty()) {
            return took(inbox.takeMedia(
                    from,
                    id,
                    "image",
                    photo.get(photo.size() - 1).path("file_id").asString(""),
                    "image/jpeg",
                    caption));
        }
        for (var kind : java.util.List.of(
                java.util.Map.entry("voice", "audio"),
                java.util.Map.entry("audio", "audio"),
                java.util.Map.entry("video", "video"),
                java.util.Map.entry("video_note", "video"),
                java.util.Map.entry("document", "document"),
                java.util.Map.entry("sticker", "sticker"))) {
            JsonNode file = message.path(kind.getKey());
            if (file.isObject()) {
                return took(inbox.takeMedia(
                        from,
                        id,
                        kind.getValue(),
                        file.path("file_id").asString(""),
                        file.path("mime_type").asString(""),
                        caption));
            }
        }
        JsonNode location = message.path("location");
        if (location.isObject()) {
            return took(inbox.takeMedia(
                    from,
                    id,
                    "location",
                    location.path("latitude").asDouble() + ","
                            + location.path("longitude").asDouble(),
                    "",
                    ""));
        }
        return ok(0);
    }

    private Mono<ServerResponse> took(Mono<Boolean> taken) {
        return taken.flatMap(t -> ok(t ? 1 : 0));
    }

    private Mono<ServerResponse> ok(int received) {
        return json.ok(Map.of("received", received));
    }
}
