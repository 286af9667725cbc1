package dev.chatbot.web.channel.generic;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.conversation.CustomerText;
import dev.chatbot.conversation.Reply;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.api.ChatJson;
import dev.chatbot.web.channel.ChannelInbox;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/generic} (DESIGN.md §7): checks the signature on the raw body, then runs the message
 * through the pipeline; the bot's replies are in the response, a repeated {@code messageId} gets the original
 * result without being processed again.
 */
final class GenericWebhookHandler {

    static final String CHANNEL = "generic";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookSignature signature;
    private final ChannelInbox inbox;
    private final JsonBodies json;
    private final Clock clock;

    GenericWebhookHandler(WebhookSignature signature, ChannelInbox inbox, JsonBodies json, Clock clock) {
        this.signature = signature;
        this.inbox = inbox;
        this.json = json;
        this.clock = clock;
    }

    Mono<ServerResponse> receive(ServerRequest request) {
        return json.bytes(request).defaultIfEmpty(new byte[0]).flatMap(body -> {
            signature
                    .problem(
                            request.headers().firstHeader(WebhookSignature.TIMESTAMP_HEADER),
                            request.headers().firstHeader(WebhookSignature.SIGNATURE_HEADER),
                            body,
                            clock.instant())
                    .ifPresent(problem -> {
                        throw ApiException.unauthorized(problem);
                    });
            Inbound in = Inbound.parse(body, inbox.maxMessageLength());
            ChannelAddress from = new ChannelAddress(CHANNEL, in.userId());
            Mono<Reply> handled = in.text() != null
                    ? inbox.receive(from, in.messageId(), "en", in.text())
                    : inbox.tooLong(from, in.messageId(), "en", in.length());
            return handled.flatMap(reply -> {
                ChatJson.MessageReply answer = ChatJson.MessageReply.of(reply);
                return json.ok(new Answered(
                        in.messageId().value(),
                        answer.conversationId(),
                        answer.state(),
                        answer.replies(),
                        answer.escalation()));
            });
        });
    }

    /** The webhook's answer: the chat API's message reply, with the message id it answers first. */
    record Answered(
            String messageId,
            String conversationId,
            String state,
            List<ChatJson.Answer> replies,
            ChatJson.Escalation escalation) {}

    /**
     * The webhook's body {@code {"messageId", "userId", "text"}}, refused with 400/422 when it is not that; a text
     * longer than the limit is no refusal: its {@code text} is null and the customer is asked for a shorter one.
     */
    record Inbound(MessageId messageId, String userId, CustomerText text, int length) {

        static Inbound parse(byte[] body, int maxMessageLength) {
            JsonNode node;
            try {
                node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            } catch (JacksonException e) {
                throw ApiException.badRequest("the body is not valid JSON");
            }
            String messageId = text(node, "messageId");
            String userId = text(node, "userId");
            String raw = text(node, "text");
            CustomerText text = raw.length() > maxMessageLength ? null : CustomerText.of(raw, maxMessageLength);
            try {
                return new Inbound(MessageId.of(messageId), userId.strip(), text, raw.length());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("\"messageId\" must be 1-100 visible characters without spaces");
            }
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node == null ? null : node.get(field);
            if (value != null && !value.isNull() && !value.isString()) { // 5 or true is not read as "5" or "true"
                throw ApiException.badRequest("\"" + field + "\" must be a string");
            }
            if (value == null || value.isNull() || value.asString().isBlank()) {
                throw ApiException.badRequest("\"" + field + "\" is required and must be a non-blank string");
            }
            if (value.asString().length() > 200 && !field.equals("text")) {
                throw ApiException.badRequest("\"" + field + "\" is too long");
            }
            return value.asString();
        }
    }
}
