package dev.chatbot.web.api;

import dev.chatbot.conversation.ConversationClosedException;
import dev.chatbot.conversation.ConversationNotFoundException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.offload.Offload;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Which conversation a chat API request may act on: the one its path names, when the request carries that
 * conversation's token ({@code Authorization: Bearer <token>}; on the event stream only, {@code ?token=}, because
 * EventSource cannot set headers and a query string ends up in logs and browser history). A path that is not a
 * conversation id is a 404, a missing, wrong or expired token a 401.
 */
final class ChatRequests {

    private final ConversationTokens tokens;
    private final TranscriptStore store;
    private final Offload offload;

    ChatRequests(ConversationTokens tokens, TranscriptStore store, Offload offload) {
        this.tokens = tokens;
        this.store = store;
        this.offload = offload;
    }

    /**
     * The conversation of the path, if the request carries its token; whether it exists is not checked (a valid
     * token means this server issued the id, and what the request does refuses an unknown conversation anyway).
     */
    ConversationId tokenChecked(ServerRequest request) {
        return tokenChecked(request, false);
    }

    private ConversationId tokenChecked(ServerRequest request, boolean queryToken) {
        ConversationId id;
        try {
            id = ConversationId.of(request.pathVariable("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such conversation");
        }
        ConversationTokens.Check check = tokens.check(id, bearer(request, queryToken));
        if (check == ConversationTokens.Check.EXPIRED) {
            throw ApiException.unauthorized("the token of this conversation has expired: start a new conversation");
        }
        if (check != ConversationTokens.Check.VALID) {
            throw ApiException.unauthorized("this conversation needs its token: Authorization: Bearer <token>");
        }
        return id;
    }

    /**
     * The conversation of the event stream's path, if the request carries its token, in the header or as
     * {@code ?token=} (401), and it exists (404).
     */
    Mono<ConversationId> existingStream(ServerRequest request) {
        return Mono.defer(() -> {
            ConversationId id = tokenChecked(request, true);
            return offload.io(() -> store.session(id).exists())
                    .flatMap(exists -> exists
                            ? Mono.just(id)
                            : Mono.error(ApiException.notFound("no such conversation: " + id.value())));
        });
    }

    private static String bearer(ServerRequest request, boolean orQuery) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return orQuery ? request.queryParam("token").orElse(null) : null;
    }

    /** 429 {@code rate_limited} with Retry-After when the conversation has used its messages for now. */
    static void requireWithinRate(RateLimiter perConversation, ConversationId id) {
        perConversation.acquire(id.value()).ifPresent(wait -> {
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "rate_limited",
                    "too many messages in this conversation; try again later",
                    wait);
        });
    }

    /**
     * Runs {@code keep} off the event loop once the conversation is known to exist (404) and to be open (409), then
     * emits its id: what a customer leaves beside the transcript (a photo, contact details) is kept for an open
     * conversation only.
     */
    Mono<ConversationId> keepWhileOpen(ConversationId id, Consumer<ConversationId> keep) {
        return offload.io(() -> {
            SessionState session = store.session(id);
            if (!session.exists()) {
                throw new ConversationNotFoundException(id);
            }
            if (session.state() == ConversationState.CLOSED) {
                throw new ConversationClosedException(id);
            }
            keep.accept(id);
            return id;
        });
    }

    /** The message id the client chose ({@code clientMessageId}: a repeat is answered, not stored twice), or a new one. */
    static MessageId clientMessageId(String value) {
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
