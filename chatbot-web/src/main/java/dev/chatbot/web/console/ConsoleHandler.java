package dev.chatbot.web.console;

import static dev.chatbot.web.console.ConsoleRequests.agent;
import static dev.chatbot.web.console.ConsoleRequests.conversationId;

import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.MediaReference;
import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationNotFoundException;
import dev.chatbot.conversation.TextRefusedException;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.api.LiveEvents;
import dev.chatbot.web.channel.PlatformMedia;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.http.Queries;
import dev.chatbot.web.offload.Offload;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The console's JSON API for one conversation (DESIGN.md §7, agent console): the transcript with the bot's guesses,
 * its live events, claiming, replies, labels, resolving and handing back. Authentication and roles are checked
 * before a request gets here; the agent comes from the request's principal. The desk's refusals (not held by this
 * agent, closed, unknown message) are answered by {@code JsonErrorHandler}.
 *
 * <p>Over 250 lines: one short handler per console route of a conversation.
 */
final class ConsoleHandler {

    private final AgentDesk desk;
    private final TranscriptStore store;
    private final ChannelStore channels;
    private final PlatformMedia platformMedia;
    private final LiveEvents live;
    private final JsonBodies json;
    private final Offload offload;
    /** The FAQ of the model being served (it changes with a hot swap). */
    private final Supplier<Map<IntentName, IntentDefinition>> faq;

    private final int maxMessageLength;

    ConsoleHandler(
            AgentDesk desk,
            TranscriptStore store,
            ChannelStore channels,
            PlatformMedia platformMedia,
            LiveEvents live,
            JsonBodies json,
            Offload offload,
            Supplier<Map<IntentName, IntentDefinition>> faq,
            int maxMessageLength) {
        this.desk = desk;
        this.store = store;
        this.channels = channels;
        this.platformMedia = platformMedia;
        this.live = live;
        this.json = json;
        this.offload = offload;
        this.faq = faq;
        this.maxMessageLength = maxMessageLength;
    }

    Mono<ServerResponse> conversation(ServerRequest request) {
        ConversationId id = conversationId(request);
        return offload.io(() -> {
                    var log = store.read(id, 0);
                    if (log.isEmpty()) {
                        throw new ConversationNotFoundException(id);
                    }
                    return ConsoleViews.conversation(
                            id,
                            SessionState.replay(id, log),
                            log,
                            channels.address(id),
                            channels.deadLetters(id),
                            channels.media(id),
                            channels.contactDetails(id));
                })
                .flatMap(json::ok);
    }

    /**
     * A customer's photo, voice note or document: a widget upload from the channel store, anything else fetched from
     * its platform now (nothing of it is stored here). Served
     * with its type, inline only for images, never sniffed, in a sandbox.
     */
    Mono<ServerResponse> media(ServerRequest request) {
        ConversationId id = conversationId(request);
        String messageId = request.pathVariable("messageId");
        return offload.io(() -> {
                    MediaReference media = channels.media(id).stream()
                            .filter(m ->
                                    m.messageId().equals(messageId) && !m.kind().equals("location"))
                            .findFirst()
                            .orElseThrow(() -> ApiException.notFound(
                                    "this conversation has no file with message id " + messageId));
                    var kept = channels.content(id, messageId);
                    if (kept.isPresent()) { // uploaded in the widget: the file is here
                        return new PlatformMedia.Fetched(kept.get(), media.mimeType());
                    }
                    try {
                        return platformMedia.fetch(media);
                    } catch (java.io.IOException e) {
                        throw new ApiException(
                                HttpStatus.BAD_GATEWAY,
                                "media_unavailable",
                                "the platform did not give the file: " + e.getMessage());
                    }
                })
                .flatMap(file -> {
                    MediaType type;
                    try {
                        type = MediaType.parseMediaType(file.mimeType());
                    } catch (RuntimeException e) {
                        type = MediaType.APPLICATION_OCTET_STREAM;
                    }
                    boolean image =
                            type.getType().equals("image") && !type.getSubtype().contains("svg");
                    return ServerResponse.ok()
                            .contentType(image ? type : MediaType.APPLICATION_OCTET_STREAM)
                            .header(
                                    HttpHeaders.CONTENT_DISPOSITION,
                                    image
                                            ? "inline"
                                            : "attachment; filename=\"" + messageId.replaceAll("[^A-Za-z0-9._-]", "_")
                                                    + "\"")
                            .header("X-Content-Type-Options", "nosniff")
                            .header("Content-Security-Policy", "sandbox; default-src 'none'")
                            .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                            .bodyValue(file.bytes());
                });
    }

    /** The conversation's events as server-sent events (history after {@code after}, then live). */
    Mono<ServerResponse> conversationStream(ServerRequest request) {
        ConversationId id = conversationId(request);
        long after = request.queryParam("after").map(Queries::sequence).orElse(0L);
        Flux<ServerSentEvent<Object>> events = live.follow(id, after)
                .map(e -> ServerSentEvent.builder((Object) ConsoleViews.event(e))
                        .id(Long.toString(e.sequence()))
                        .build());
        Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(Duration.ofSeconds(15))
                .map(n -> ServerSentEvent.builder().comment("keep-alive").build());
        // an unknown conversation is a 404 at once, not a stream that stays silent until its first heartbeat
        return offload.io(() -> store.session(id).exists())
                .flatMap(exists -> exists
                        ? ServerResponse.ok()
                                .contentType(MediaType.TEXT_EVENT_STREAM)
                                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                .body(Flux.merge(events, heartbeats), ServerSentEvent.class)
                        : Mono.error(new ConversationNotFoundException(id)));
    }

    Mono<ServerResponse> claim(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request)
                .flatMap(agent -> offload.io(() -> desk.claim(id, agent)))
                .flatMap(won -> won
                        ? json.ok(Map.of("claimed", true, "conversationId", id.value()))
                        : Mono.error(new ApiException(
                                HttpStatus.CONFLICT,
                                "not_claimable",
                                "this conversation is no longer waiting (another agent may have claimed it)")));
    }

    Mono<ServerResponse> reply(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request)
                .flatMap(agent -> json.read(request, ConsoleViews.ReplyRequest.class)
                        .switchIfEmpty(
                                Mono.error(() -> ApiException.badRequest("a JSON body with \"text\" is required")))
                        .flatMap(body -> {
                            TextRefusedException.requireNotBlank(body.text());
                            TextRefusedException.requireWithin(body.text(), maxMessageLength);
                            return offload.io(() -> Map.of(
                                    "messageId",
                                    desk.reply(id, agent, body.text()).value()));
                        }))
                .flatMap(json::ok);
    }

    Mono<ServerResponse> label(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request)
                .flatMap(agent -> json.read(request, ConsoleViews.LabelRequest.class)
                        .switchIfEmpty(Mono.error(
                                ApiException.badRequest("a JSON body with \"messageId\" and \"intent\" is required")))
                        .flatMap(body -> {
                            MessageId message;
                            IntentName intent;
                            try {
                                message = MessageId.of(body.messageId());
                                intent = IntentName.of(body.intent());
                            } catch (IllegalArgumentException | NullPointerException e) {
                                return Mono.error(ApiException.badRequest(
                                        e.getMessage() == null
                                                ? "\"messageId\" and \"intent\" are required"
                                                : e.getMessage()));
                            }
                            return offload.io(() -> {
                                desk.label(id, agent, message, intent);
                                return Map.of(
                                        "messageId",
                                        message.value(),
                                        "intent",
                                        intent.value(),
                                        "known",
                                        faq.get().containsKey(intent));
                            });
                        }))
                .flatMap(json::ok);
    }

    Mono<ServerResponse> notCovered(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request)
                .flatMap(agent -> json.read(request, ConsoleViews.NotCoveredRequest.class)
                        .switchIfEmpty(
                                Mono.error(() -> ApiException.badRequest("a JSON body with \"messageId\" is required")))
                        .flatMap(body -> {
                            MessageId message;
                            try {
                                message = MessageId.of(body.messageId());
                            } catch (IllegalArgumentException | NullPointerException e) {
                                return Mono.error(ApiException.badRequest(
                                        e.getMessage() == null ? "\"messageId\" is required" : e.getMessage()));
                            }
                            return offload.io(() -> {
                                desk.markNotCovered(id, agent, message);
                                return Map.of("messageId", message.value(), "notCovered", true);
                            });
                        }))
                .flatMap(json::ok);
    }

    Mono<ServerResponse> resolve(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request)
                .flatMap(agent -> offload.io(() -> {
                    desk.resolve(id, agent);
                    return Map.of("state", "CLOSED");
                }))
                .flatMap(json::ok);
    }

    Mono<ServerResponse> handBack(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request)
                .flatMap(agent -> offload.io(() -> {
                    desk.handBack(id, agent);
                    return Map.of("state", "BOT");
                }))
                .flatMap(json::ok);
    }
}
