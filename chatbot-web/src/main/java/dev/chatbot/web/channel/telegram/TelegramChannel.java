package dev.chatbot.web.channel.telegram;

import dev.chatbot.channel.Delivery;
import dev.chatbot.channel.DeliveryJson;
import dev.chatbot.web.channel.HttpPoster;
import dev.chatbot.web.channel.OutboundChannel;
import dev.chatbot.web.config.ChatbotProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends through the Telegram Bot API: {@code POST <apiBaseUrl>/bot<token>/sendMessage}; quick replies as a reply keyboard. */
public final class TelegramChannel implements OutboundChannel {

    /** The deliveries of this event type are the rating prompt sent at a close (see {@code OutboundRelay}). */
    static final String RATING_PROMPT_TYPE = "Resolved";

    private final ChatbotProperties.Telegram settings;
    private final HttpPoster http;

    public TelegramChannel(ChatbotProperties.Telegram settings, HttpPoster http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return TelegramWebhookHandler.CHANNEL;
    }

    @Override
    public boolean enabled() {
        return settings.botToken() != null
                && !settings.botToken().isBlank()
                && settings.apiBaseUrl() != null
                && !settings.apiBaseUrl().isBlank();
    }

    @Override
    public void send(Delivery delivery) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", delivery.to().address());
        body.put("text", delivery.text());
        if (RATING_PROMPT_TYPE.equals(delivery.type())) {
            // the scores as buttons under the prompt; a tap comes back as a callback query with "rate:<score>"
            List<Map<String, String>> scores = delivery.quickReplies().stream()
                    .map(q -> Map.of("text", q, "callback_data", TelegramWebhookHandler.RATE_PREFIX + q))
                    .toList();
            body.put("reply_markup", Map.of("inline_keyboard", List.of(scores)));
        } else if (!delivery.quickReplies().isEmpty()) {
            List<List<Map<String, String>>> rows = delivery.quickReplies().stream()
                    .map(q -> List.of(Map.of("text", q)))
                    .toList();
            body.put("reply_markup", Map.of("keyboard", rows, "one_time_keyboard", true, "resize_keyboard", true));
        }
        String base = settings.apiBaseUrl().endsWith("/") ? settings.apiBaseUrl() : settings.apiBaseUrl() + "/";
        http.postJson(base + "bot" + settings.botToken() + "/sendMessage", Map.of(), DeliveryJson.write(body));
    }
}
