package dev.chatbot.web.api;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.ContactDetails;
import dev.chatbot.conversation.ConversationNotFoundException;
import dev.chatbot.conversation.CustomerText;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.offload.Offload;
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
    private final TranscriptStore store;
    private final JsonBodies json;
    private final RateLimiter perConversation;
    private final Offload offload;
    private final Clock clock;
    private final int maxMessageLength;

    ContactHandler(
            MessagePipeline pipeline,
            ChatRequests requests,
            ChannelStore channels,
            TranscriptStore store,
            JsonBodies json,
            RateLimiter perConversation,
            Offload offload,
            Clock clock,
            int maxMessageLength) {
        this.pipeline = pipeline;
        this.requests = requests;
        this.channels = channels;
        this.store = store;
        this.json = json;
        this.perConversation = perConversation;
        this.offload = offload;
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
                        MessageId messageId = messageId(body.clientMessageId());
                        return offload.io(() -> {
                                    SessionState session = store.session(id);
                                    if (!session.exists()) {
                                        throw new ConversationNotFoundException(id);
                                    }
                                    if (session.state() == ConversationState.CLOSED) {
                                        throw new ApiException(
                                                HttpStatus.CONFLICT,
                                                "conversation_closed",
                                                "this conversation is closed; start a new one");
                                    }
                                    channels.leaveContact(id, details);
                                    return id;
                                })
                                .flatMap(conversation -> pipeline.receive("web", conversation, messageId, message));
                    })
                    .flatMap(reply -> json.ok(ChatJson.MessageReply.of(reply)));
        });
    }

    private static MessageId messageId(String value) {
        if (value == null) {
            return MessageId.random();
        }
        try {
            return MessageId.of(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("\"clientMessageId\" must be 1-100 visible characters without spaces");
        }
    }
}
