package dev.chatbot.web.api;

import dev.chatbot.conversation.CustomerText;
import dev.chatbot.conversation.TextRefusedException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.limits.ClientRequests;
import dev.chatbot.web.limits.OpenConversations;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.offload.Offload;
import dev.chatbot.web.pipeline.MessagePipeline;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The customer's side of the chat API (DESIGN.md §7): starting a conversation (with or without its first message),
 * messages, asking for a person, feedback. Checks the request, hands it to the {@link MessagePipeline}, answers
 * with the {@link ChatJson} records.
 */
final class ChatHandler {

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,3}");

    private final MessagePipeline pipeline;
    private final ChatRequests requests;
    private final ConversationTokens tokens;
    private final JsonBodies json;
    private final RateLimiter perConversation;
    private final OpenConversations openPerAddress;
    private final ClientRequests clients;
    private final TranscriptStore store;
    private final Offload offload;
    private final int maxMessageLength;

    ChatHandler(
            MessagePipeline pipeline,
            ChatRequests requests,
            ConversationTokens tokens,
            JsonBodies json,
            RateLimiter perConversation,
            OpenConversations openPerAddress,
            ClientRequests clients,
            TranscriptStore store,
            Offload offload,
            int maxMessageLength) {
        this.pipeline = pipeline;
        this.requests = requests;
        this.tokens = tokens;
        this.json = json;
        this.perConversation = perConversation;
        this.openPerAddress = openPerAddress;
        this.clients = clients;
        this.store = store;
        this.offload = offload;
        this.maxMessageLength = maxMessageLength;
    }

    /**
     * {@code POST /api/v1/conversations}: 201 with the id and token; with the customer's first message in the body,
     * its reply too (one request and one append instead of two; nothing is stored if the text is refused).
     */
    Mono<ServerResponse> start(ServerRequest request) {
        return json.read(request, ChatJson.StartRequest.class)
                .defaultIfEmpty(ChatJson.StartRequest.EMPTY)
                .flatMap(body -> {
                    String channel =
                            body.channel() == null ? "web" : body.channel().strip();
                    String locale = body.locale() == null ? "en" : body.locale().strip();
                    if (!CHANNEL.matcher(channel).matches()) {
                        throw ApiException.badRequest("channel must be 1-32 of a-z, 0-9, '_', '-'");
                    }
                    if (!LOCALE.matcher(locale).matches()) {
                        throw ApiException.badRequest("locale must be a language tag such as en or de-CH");
                    }
                    CustomerText first = body.text() == null ? null : text(body.text());
                    if (first == null && body.clientMessageId() != null) {
                        throw ApiException.badRequest(
                                "\"clientMessageId\" names a first message: send it with \"text\"");
                    }
                    MessageId firstId = first == null ? null : ChatRequests.clientMessageId(body.clientMessageId());
                    return reserve(clients.of(request.exchange()))
                            .flatMap(place -> (first == null
                                            ? pipeline.start(channel, locale)
                                                    .doOnNext(place::started)
                                                    .flatMap(id -> json.created(
                                                            location(id),
                                                            new ChatJson.Started(id.value(), tokens.issue(id))))
                                            : pipeline.start(channel, locale, firstId, first)
                                                    .doOnNext(reply -> place.started(reply.conversationId()))
                                                    .flatMap(reply -> {
                                                        ChatJson.MessageReply answer = ChatJson.MessageReply.of(reply);
                                                        return json.created(
                                                                location(reply.conversationId()),
                                                                new ChatJson.StartedAndAnswered(
                                                                        answer.conversationId(),
                                                                        tokens.issue(reply.conversationId()),
                                                                        answer.state(),
                                                                        answer.replies(),
                                                                        answer.escalation()));
                                                    }))
                                    .doOnError(e -> place.cancel()));
                });
    }

    /**
     * A place for one more open conversation of {@code client}; 429 with Retry-After at the cap (closed
     * conversations give their place back, checked in the store).
     */
    private Mono<OpenConversations.Reservation> reserve(String client) {
        Optional<OpenConversations.Reservation> belowCap = openPerAddress.reserveBelowCap(client);
        if (belowCap.isPresent()) { // the usual case, decided in memory: no hop to the I/O threads
            return Mono.just(belowCap.get());
        }
        return offload.io(() -> {
            try {
                return openPerAddress.reserve(client, id -> store.session(id).state() != ConversationState.CLOSED);
            } catch (OpenConversations.CapReached cap) {
                throw new ApiException(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too_many_conversations",
                        "too many conversations are open from this address; finish one or try again later",
                        cap.retryAfter());
            }
        });
    }

    /** {@code POST /api/v1/conversations/{id}/messages}: the token and the rate limit are checked before the body is read. */
    Mono<ServerResponse> message(ServerRequest request) {
        return Mono.defer(() -> {
            ConversationId id = requests.tokenChecked(request);
            ChatRequests.requireWithinRate(perConversation, id);
            return json.read(request, ChatJson.MessageRequest.class)
                    .switchIfEmpty(Mono.error(() -> ApiException.badRequest("a JSON body with \"text\" is required")))
                    .flatMap(body -> pipeline.receive(
                            "web", id, ChatRequests.clientMessageId(body.clientMessageId()), text(body.text())))
                    .flatMap(reply -> json.ok(ChatJson.MessageReply.of(reply)));
        });
    }

    /** {@code POST /api/v1/conversations/{id}/handoff}: the customer pressed "talk to a person". */
    Mono<ServerResponse> handoff(ServerRequest request) {
        return Mono.defer(() -> pipeline.requestHuman(requests.tokenChecked(request)))
                .flatMap(reply -> json.ok(ChatJson.MessageReply.of(reply)));
    }

    /** {@code POST /api/v1/conversations/{id}/feedback}: 204. */
    Mono<ServerResponse> feedback(ServerRequest request) {
        return Mono.defer(() -> {
            ConversationId id = requests.tokenChecked(request);
            return json.read(request, ChatJson.FeedbackRequest.class)
                    .switchIfEmpty(
                            Mono.error(() -> ApiException.badRequest("a JSON body with \"helpful\" is required")))
                    .flatMap(body -> {
                        if (body.helpful() == null) {
                            throw ApiException.badRequest("\"helpful\" (true or false) is required");
                        }
                        String comment = body.comment() == null ? "" : body.comment();
                        TextRefusedException.requireWithin(comment, maxMessageLength);
                        return pipeline.feedback(id, body.helpful(), comment);
                    })
                    .then(ServerResponse.noContent().build());
        });
    }

    /** {@code POST /api/v1/conversations/{id}/rating}: 204; 409 unless the conversation is closed and not rated yet. */
    Mono<ServerResponse> rating(ServerRequest request) {
        return Mono.defer(() -> {
            ConversationId id = requests.tokenChecked(request);
            return json.read(request, ChatJson.RatingRequest.class)
                    .switchIfEmpty(Mono.error(() -> ApiException.badRequest("a JSON body with \"score\" is required")))
                    .flatMap(body -> {
                        if (body.score() == null || body.score() < 1 || body.score() > 5) {
                            throw ApiException.badRequest("\"score\" must be a whole number from 1 to 5");
                        }
                        String comment = body.comment() == null ? "" : body.comment();
                        TextRefusedException.requireWithin(comment, maxMessageLength);
                        return pipeline.rate(id, body.score(), comment);
                    })
                    .then(ServerResponse.noContent().build());
        });
    }

    private CustomerText text(String text) {
        return CustomerText.of(text, maxMessageLength);
    }

    private static URI location(ConversationId id) {
        return URI.create("/api/v1/conversations/" + id.value());
    }
}
