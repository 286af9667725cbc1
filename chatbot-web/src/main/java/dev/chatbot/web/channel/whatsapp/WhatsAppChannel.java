package dev.chatbot.web.channel.whatsapp;

import dev.chatbot.channel.Delivery;
import dev.chatbot.channel.DeliveryJson;
import dev.chatbot.web.channel.DeliveryRefusedException;
import dev.chatbot.web.channel.HttpPoster;
import dev.chatbot.web.channel.OutboundChannel;
import dev.chatbot.web.config.ChatbotProperties;
import java.util.Map;

/**
 * Sends through the WhatsApp Cloud API: {@code POST <graphBaseUrl>/<phoneNumberId>/messages} with the access
 * token. Quick replies become text lines (reply buttons allow only three short titles). The Graph API's refusal of a
 * message outside the 24-hour customer-service window (error 131047) is told in plain words.
 */
public final class WhatsAppChannel implements OutboundChannel {

    /** Graph API error: more than 24 hours since the customer last wrote; only template messages may be sent. */
    static final long OUTSIDE_WINDOW = 131047;

    private final ChatbotProperties.WhatsApp settings;
    private final HttpPoster http;

    public WhatsAppChannel(ChatbotProperties.WhatsApp settings, HttpPoster http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return WhatsAppWebhookHandler.CHANNEL;
    }

    @Override
    public boolean enabled() {
        return notBlank(settings.accessToken())
                && notBlank(settings.phoneNumberId())
                && notBlank(settings.graphBaseUrl());
    }

    @Override
    public void send(Delivery delivery) throws Exception {
        StringBuilder text = new StringBuilder(delivery.text());
        if (!delivery.quickReplies().isEmpty()) {
            text.append("\n");
            delivery.quickReplies().forEach(q -> text.append("\n• ").append(q));
        }
        String body = DeliveryJson.write(Map.of(
                "messaging_product",
                "whatsapp",
                "recipient_type",
                "individual",
                "to",
                delivery.to().address(),
                "type",
                "text",
                "text",
                Map.of("body", text.toString())));
        try {
            http.postJson(
                    stripSlash(settings.graphBaseUrl()) + "/" + settings.phoneNumberId() + "/messages",
                    Map.of("Authorization", "Bearer " + settings.accessToken()),
                    body);
        } catch (DeliveryRefusedException e) {
            throw e.platformCode() == OUTSIDE_WINDOW
                    ? e.withReason("WhatsApp's 24-hour window is closed (the customer last wrote more than a day ago)")
                    : e;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
