package dev.chatbot.web.channel.whatsapp;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.web.channel.ChannelInbox;
import dev.chatbot.web.channel.Hmacs;
import dev.chatbot.web.config.ChatbotProperties;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * the raw body with the app secret). A delivery may batch several customers' messages: each is handled on its own
 * (see {@link ChannelInbox#take}) and an authenticated delivery always gets 200. Text messages (and button replies)
 * go through the pipeline; the answers go out through the outbox. Photos, voice notes, videos, documents, stickers and
 * locations are acknowledged and handed to a person with their media id ({@link ChannelInbox#takeMedia}). Status
 * notifications are acknowledged and ignored.
 */
final class WhatsAppWebhookHandler {

    static final String CHANNEL = "whatsapp";
    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Message types that carry a file (its Graph API media id under the type's name). */
    private static final java.util.Set<String> MEDIA =
            java.util.Set.of("image", "audio", "video", "document", "sticker");

    private final ChatbotProperties.WhatsApp settings;
    private final ChannelInbox inbox;
    private final JsonBodies json;

    WhatsAppWebhookHandler(ChatbotProperties.WhatsApp settings, ChannelInbox inbox, JsonBodies json) {
        this.settings = settings;
        this.inbox = inbox;
        this.json = json;
    }

    Mono<ServerResponse> verify(ServerRequest request) {
        boolean subscribe = "subscribe".equals(request.queryParam("hub.mode").orElse(null));
        String token = request.queryParam("hub.verify_token").orElse(null);
        String challenge = request.queryParam("hub.challenge").orElse("");
        if (!subscribe
                || settings.verifyToken() == null
                || settings.verifyToken().isBlank()
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
            // from here on the delivery is WhatsApp's: it gets its 200 whatever one message in it holds, or the
            // platform would retry the whole batch and then drop every customer's message in it
            List<Message> messages = messages(body);
            return Flux.fromIterable(messages)
                    .concatMap(m -> m.kind() == null
                            ? inbox.take(new ChannelAddress(CHANNEL, m.from()), m.id(), "en", m.text())
                            : inbox.takeMedia(
                                    new ChannelAddress(CHANNEL, m.from()),
                                    m.id(),
                                    m.kind(),
                                    m.reference(),
                                    m.mimeType(),
                                    m.text()))
                    .filter(Boolean::booleanValue)
                    .count()
                    .flatMap(n -> json.ok(Map.of("received", n)));
        });
    }

    /**
     * A message as WhatsApp sent it; the inbox checks the id and the text. {@code kind} is null for text, else the
     * media kind with the Graph API's media id (or a location's coordinates) as {@code reference} and the caption
     * as {@code text}.
     */
    private record Message(String id, String from, String text, String kind, String reference, String mimeType) {}

    private static List<Message> messages(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            log.warn("Skipped a signed WhatsApp delivery that is not valid JSON");
            return List.of();
        }
        List<Message> out = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                for (JsonNode m : change.path("value").path("messages")) {
                    String type = m.path("type").asString("");
                    String text = switch (type) {
                        case "text" -> m.path("text").path("body").asString("");
                        case "button" -> m.path("button").path("text").asString("");
                        case "interactive" ->
                            m.path("interactive")
                                    .path("button_reply")
                                    .path("title")
                                    .asString("");
                        default -> null;
                    };
                    String from = m.path("from").asString("");
                    if (from.isBlank() || from.length() > 200) {
                        log.warn("Skipped a WhatsApp message without a valid sender");
                        continue;
                    }
                    String id = m.path("id").asString("");
                    if (text != null) {
                        out.add(new Message(id, from, text, null, null, null));
                    } else if (MEDIA.contains(type)) {
                        JsonNode media = m.path(type);
                        out.add(new Message(
                                id,
                                from,
                                media.path("caption").asString(""),
                                type.equals("sticker") ? "sticker" : type,
                                media.path("id").asString(""),
                                media.path("mime_type").asString("")));
                    } else if (type.equals("location")) {
                        JsonNode at = m.path("location");
                        out.add(new Message(
                                id,
                                from,
                                at.path("name").asString(""),
                                "location",
                                at.path("latitude").asDouble() + ","
                                        + at.path("longitude").asDouble(),
                                ""));
                    } else {
                        log.info("Skipped a WhatsApp message of type '{}'", type.length() > 40 ? "?" : type);
                    }
                }
            }
        }
        return out;
    }
}
