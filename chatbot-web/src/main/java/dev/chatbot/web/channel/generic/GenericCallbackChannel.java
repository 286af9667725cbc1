package dev.chatbot.web.channel.generic;

import dev.chatbot.channel.Delivery;
import dev.chatbot.channel.DeliveryJson;
import dev.chatbot.web.channel.HttpPoster;
import dev.chatbot.web.channel.OutboundChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends later messages of generic-webhook conversations to the configured callback URL as
 * {@code {"messageId", "conversationId", "userId", "type", "text", "quickReplies"}}, signed like inbound
 * requests. {@code messageId} is stable across retries, so the receiver can drop duplicates.
 */
public final class GenericCallbackChannel implements OutboundChannel {

    private final String callbackUrl;
    private final WebhookSignature signature;
    private final HttpPoster http;
    private final Clock clock;

    public GenericCallbackChannel(String callbackUrl, WebhookSignature signature, HttpPoster http, Clock clock) {
        this.callbackUrl = callbackUrl;
        this.signature = signature;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return GenericWebhookHandler.CHANNEL;
    }

    @Override
    public boolean enabled() {
        return callbackUrl != null && !callbackUrl.isBlank() && signature != null;
    }

    @Override
    public void send(Delivery delivery) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", delivery.id());
        body.put("conversationId", delivery.conversationId());
        body.put("userId", delivery.to().address());
        body.put("type", delivery.type());
        body.put("text", delivery.text());
        body.put("quickReplies", delivery.quickReplies());
        byte[] json = DeliveryJson.write(body).getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        http.postJson(
                callbackUrl,
                Map.of(
                        WebhookSignature.TIMESTAMP_HEADER,
                        Long.toString(timestamp),
                        WebhookSignature.SIGNATURE_HEADER,
                        signature.sign(timestamp, json)),
                new String(json, StandardCharsets.UTF_8));
    }
}
