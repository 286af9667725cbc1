package dev.chatbot.web.channel.whatsapp;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.conversation.CustomerText;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.channel.ChannelInbox;
import dev.chatbot.web.channel.Hmacs;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * WhatsApp Cloud API webhook: the {@code GET} verification handshake ({@code hub.verify_token} →
 * {@code hub.challenge}) and {@code POST} notifications signed with {@code X-Hub-Signature-256} (HMAC-SHA256 of
 * the raw body with the app secret). Text messages (and button replies) go through the pipeline; the answers
 * go out through the outbox. Status notifications are acknowledged and ignored.
 */
final class WhatsAppWebhookHandler {

    static final String CHANNEL = "whatsapp";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChatbotProperties.WhatsApp settings;
    private final ChannelInbox inbox;
    private final JsonBodies json;
    private final int maxMessageLength;

    WhatsAppWebhookHandler(ChatbotProperties.WhatsApp settings, ChannelInbox inbox, JsonBodies json,
                           int maxMessageLength) {
        this.settings = settings;
        this.inbox = inbox;
        this.json = json;
        this.maxMessageLength = maxMessageLength;
    }

    Mono<ServerResponse> verify(ServerRequest request) {
        boolean subscribe = "subscribe".equals(request.queryParam("hub.mode").orElse(null));
        String token = request.queryParam("hub.verify_token").orElse(null);
        String challenge = request.queryParam("hub.challenge").orElse("");
        if (!subscribe || settings.verifyToken() == null || settings.verifyToken().isBlank()
                || !Hmacs.constantTimeEquals(settings.verifyToken(), token)) {
            return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "forbidden", "the verify token does not match"));
        }
        return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(challenge);
    }

    Mono<ServerResponse> receive(ServerRequest request) {
        return json.bytes(request).defaultIfEmpty(new byte[0]).flatMap(body -> {
            String expected = "sha256=" + Hmacs.sha256Hex(settings.appSecret(), body);
            if (!Hmacs.constantTimeEquals(expected, request.headers().firstHeader("X-Hub-Signature-256"))) {
                return Mono.error(ApiException.unauthorized("X-Hub-Signature-256 is missing or does not match"));
            }
            List<Message> messages = messages(body);
            return Flux.fromIterable(messages)
                    .concatMap(m -> inbox.receive(new ChannelAddress(CHANNEL, m.from()), m.id(), "en", m.text()))
                    .then(json.ok(Map.of("received", messages.size())));
        });
    }

    private record Message(MessageId id, String from, CustomerText text) {
    }

    private List<Message> messages(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
        List<Message> out = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                for (JsonNode m : change.path("value").path("messages")) {
                    String text = switch (m.path("type").asString("")) {
                        case "text" -> m.path("text").path("body").asString("");
                        case "button" -> m.path("button").path("text").asString("");
                        case "interactive" -> m.path("interactive").path("button_reply").path("title").asString("");
                        default -> "";
                    };
                    String from = m.path("from").asString("");
                    String id = m.path("id").asString("");
                    if (text.isBlank() || from.isBlank() || id.isBlank()) {
                        continue;
                    }
                    CustomerText checked = CustomerText.of(text, maxMessageLength);
                    try {
                        out.add(new Message(MessageId.of(id), from, checked));
                    } catch (IllegalArgumentException e) {
                        throw ApiException.badRequest("invalid message id");
                    }
                }
            }
        }
        return out;
    }
}
