package dev.chatbot.web.api;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.ContactDetails;
import dev.chatbot.conversation.CustomerText;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.pipeline.MessagePipeline;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/conversations/{id}/contact}: the widget's leave-a-message form, {@code {"name"?, "email"?,
 * "phone"?, "message", "clientMessageId"?}}. The contact details are kept as given in their own fields beside the
 * transcript (never redacted, shown only in the console); the message joins the transcript like any customer
 * message (redacted there). 400 for details that cannot reach anyone or a blank message, 422 for a too long one, 409 for a
 * closed conversation; nothing is kept when the request is refused.
 */
final class ContactHandler {

    private final MessagePipeline pipeline;
    private final ChatRequests requests;
    private final ChannelStore channels;
    private final JsonBodies json;
    private final RateLimiter perConversation;
    private final Clock clock;
    private final int maxMessageLength;

    ContactHandler(
            MessagePipeline pipeline,
            ChatRequests requests,
            ChannelStore channels,
            JsonBodies json,
            RateLimiter perConversation,
            Clock clock,
            int maxMessageLength) {
        this.pipeline = pipeline;
        this.requests = requests;
        this.channels = channels;
        this.json = json;
        this.perConversation = perConversation;
        this.clock = clock;
        this.maxMessageLength = maxMessageLength;
    }

    Mono<ServerResponse> leave(ServerRequest request) {
        return Mono.defer(() -> {
            ConversationId id = requests.tokenChecked(request);
            ChatRequests.requireWithinRate(perConversation, id);
            return json.read(request, ChatJson.ContactRequest.class)
                    .switchIfEmpty(Mono.error(() -> ApiException.badRequest(
                            "a JSON body with \"message\" and an \"email\" or \"phone\" is required")))
                    .flatMap(body -> {
                        ContactDetails details;
                        try {
                            details = new ContactDetails(body.name(), body.email(), body.phone(), clock.instant());
                        } catch (IllegalArgumentException e) {
                            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_contact", e.getMessage());
                        }
                        if (body.message() == null || body.message().isBlank()) {
                            throw ApiException.badRequest(
                                    "\"message\" is required: what should the team get back to you about?");
                        }
                        CustomerText message = CustomerText.of(body.message(), maxMessageLength);
                        MessageId messageId = ChatRequests.clientMessageId(body.clientMessageId());
                        return requests.keepWhileOpen(id, conversation -> channels.leaveContact(conversation, details))
                                .flatMap(conversation -> pipeline.receive("web", conversation, messageId, message));
                    })
                    .flatMap(reply -> json.ok(ChatJson.MessageReply.of(reply)));
        });
    }
}
