package dev.chatbot.web.api;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.limits.RateLimiter;
import dev.chatbot.web.offload.Offload;
import dev.chatbot.web.pipeline.MessagePipeline;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The chat API (DESIGN.md §7): checks the request, hands it to the pipeline, shapes the answer. */
final class ChatHandler {

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,3}");
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final MessagePipeline pipeline;
    private final TranscriptStore store;
    private final ConversationTokens tokens;
    private final RateLimiter perConversation;
    private final int maxMessageLength;
    private final Offload offload;
    private final LiveEvents live;

    ChatHandler(MessagePipeline pipeline, TranscriptStore store, ConversationTokens tokens,
                RateLimiter perConversation, int maxMessageLength, Offload offload) {
        this.pipeline = pipeline;
        this.store = store;
        this.tokens = tokens;
        this.perConversation = perConversation;
        this.maxMessageLength = maxMessageLength;
        this.offload = offload;
        this.live = new LiveEvents(store, offload);
    }

    Mono<ServerResponse> start(ServerRequest request) {
        return request.bodyToMono(ChatJson.StartRequest.class)
                .defaultIfEmpty(EMPTY_START)
                .flatMap(this::start)
                .flatMap(created -> ServerResponse.created(URI.create(created.location()))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(created.body()));
    }

    /** A start without a body (or with JSON {@code null}): a conversation without a first message. */
    static final ChatJson.StartRequest EMPTY_START = new ChatJson.StartRequest(null, null, null, null);

    /** A started conversation: the body of the 201 (id, token, the first message's reply) and its location. */
    record Created(ConversationId id, Map<String, Object> body) {
        String location() {
            return "/api/v1/conversations/" + id.value();
        }
    }

    /** Starts a conversation, answering its first message when the body has one (both routes take this). */
    Mono<Created> start(ChatJson.StartRequest body) {
        return Mono.defer(() -> {
            String channel = body.channel() == null ? "web" : body.channel().strip();
            String locale = body.locale() == null ? "en" : body.locale().strip();
            if (!CHANNEL.matcher(channel).matches()) {
                return Mono.error(ApiException.badRequest("channel must be 1-32 of a-z, 0-9, '_', '-'"));
            }
            if (!LOCALE.matcher(locale).matches()) {
                return Mono.error(ApiException.badRequest("locale must be a language tag such as en or de-CH"));
            }
            if (body.text() == null) {
                if (body.clientMessageId() != null) {
                    return Mono.error(ApiException.badRequest(
                            "\"clientMessageId\" names a first message: send it with \"text\""));
                }
                return pipeline.start(channel, locale).map(id -> created(id, Map.of()));
            }
            // the customer's first message comes with the start: answered in the same request and
            // recorded in the same append; nothing is stored if the text is refused
            return pipeline.start(channel, locale, messageId(body.clientMessageId()), text(body.text()))
                    .map(reply -> created(reply.conversationId(), ChatJson.reply(reply)));
        });
    }

    /** Id and token, then the first message's reply fields when there was one. */
    private Created created(ConversationId id, Map<String, Object> reply) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversationId", id.value());
        body.put("token", tokens.issue(id));
        reply.forEach(body::putIfAbsent);
        return new Created(id, body);
    }

    Mono<ServerResponse> message(ServerRequest request) {
        // no store read up front: a valid token means this server issued the id, and recording the message
        // refuses an unknown conversation (404) anyway; this saves a store round trip per message
        return tokenChecked(request).flatMap(id -> {
            limit(id);
            return request.bodyToMono(ChatJson.MessageRequest.class)
                    .switchIfEmpty(Mono.error(ChatHandler::noText))
                    .flatMap(body -> answer(id, body));
        }).flatMap(this::json);
    }

    /** A message without a body, or with JSON {@code null}: a new refusal each time (Reactor may add to it). */
    static ApiException noText() {
        return ApiException.badRequest("a JSON body with \"text\" is required");
    }

    /** The per-conversation rate limit (429 with Retry-After), checked before the body is read. */
    void limit(ConversationId id) {
        perConversation.acquire(id.value()).ifPresent(wait -> {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                    "too many messages in this conversation; try again later", wait);
        });
    }

    /** Classifies, records and answers one message of a token-checked conversation (both routes take this). */
    Mono<Map<String, Object>> answer(ConversationId id, ChatJson.MessageRequest body) {
        return Mono.defer(() -> pipeline.receive("web", id, messageId(body.clientMessageId()), text(body.text())))
                .map(ChatJson::reply);
    }

    Mono<ServerResponse> handoff(ServerRequest request) {
        return authorized(request).flatMap(pipeline::requestHuman).flatMap(reply -> json(ChatJson.reply(reply)));
    }

    Mono<ServerResponse> feedback(ServerRequest request) {
        return authorized(request).flatMap(id -> request.bodyToMono(ChatJson.FeedbackRequest.class)
                .switchIfEmpty(Mono.error(ApiException.badRequest("a JSON body with \"helpful\" is required")))
                .flatMap(body -> {
                    if (body.helpful() == null) {
                        return Mono.error(ApiException.badRequest("\"helpful\" (true or false) is required"));
                    }
                    String comment = body.comment() == null ? "" : body.comment();
                    if (comment.length() > maxMessageLength) {
                        return Mono.error(tooLong(comment.length()));
                    }
                    return pipeline.feedback(id, body.helpful(), comment);
                })
                .then(ServerResponse.noContent().build()));
    }

    Mono<ServerResponse> events(ServerRequest request) {
        long after = after(request);
        return authorized(request)
                .flatMap(id -> offload.io(() -> {
                    SessionState session = store.session(id);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("conversationId", id.value());
                    out.put("state", session.state().name());
                    out.put("lastSeq", session.lastSequence());
                    out.put("events", ChatJson.customerEvents(store.read(id, after)));
                    return out;
                }))
                .flatMap(this::json);
    }

    /** Server-sent events; the token may come as {@code ?token=} because EventSource cannot set headers. */
    Mono<ServerResponse> stream(ServerRequest request) {
        long after = request.headers().firstHeader("Last-Event-ID") != null
                ? parseSequence(request.headers().firstHeader("Last-Event-ID")) : after(request);
        return authorized(request).flatMap(id -> {
            Flux<ServerSentEvent<Object>> events = live.follow(id, after)
                    .flatMapIterable(e -> ChatJson.customerEvent(e).stream().toList())
                    .map(view -> ServerSentEvent.builder((Object) view)
                            .id(view.get("seq").toString()).event((String) view.get("type")).build());
            // a random first delay spreads the heartbeats of streams that were opened together (after a
            // restart, every widget reconnects at once) instead of writing to all of them in the same instant
            Duration first = Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, HEARTBEAT.toMillis() + 1));
            Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(first, HEARTBEAT)
                    .map(n -> ServerSentEvent.builder().comment("keep-alive").build());
            return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(Flux.merge(events, heartbeats), ServerSentEvent.class);
        });
    }

    /** The conversation of the path, if the request carries its token (401) and it exists (404). */
    private Mono<ConversationId> authorized(ServerRequest request) {
        return tokenChecked(request).flatMap(id -> offload.io(() -> store.session(id).exists())
                .flatMap(exists -> exists ? Mono.just(id)
                        : Mono.error(ApiException.notFound("no such conversation: " + id.value()))));
    }

    /** The conversation of the path, if the request carries its token (401); whether it exists is not checked. */
    private Mono<ConversationId> tokenChecked(ServerRequest request) {
        return Mono.defer(() -> Mono.just(tokenChecked(request.pathVariable("id"), bearer(request))));
    }

    /**
     * The conversation {@code pathId} names, if {@code bearer} is its token: 404 for a path that is not an id, 401
     * for a missing or wrong token; whether it exists is not checked.
     */
    ConversationId tokenChecked(String pathId, String bearer) {
        ConversationId id;
        try {
            id = ConversationId.of(pathId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such conversation");
        }
        if (!tokens.matches(id, bearer)) {
            throw ApiException.unauthorized("this conversation needs its token: Authorization: Bearer <token>");
        }
        return id;
    }

    private static String bearer(ServerRequest request) {
        String token = bearer(request.headers().firstHeader(HttpHeaders.AUTHORIZATION));
        return token != null ? token : request.queryParam("token").orElse(null);
    }

    /** The token of an {@code Authorization: Bearer <token>} header, null without one. */
    static String bearer(String header) {
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        return null;
    }

    private String text(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("\"text\" is required and must not be blank");
        }
        if (text.length() > maxMessageLength) {
            throw tooLong(text.length());
        }
        return text;
    }

    private ApiException tooLong(int length) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "message_too_long",
                "the text is " + length + " characters long; the limit is " + maxMessageLength);
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

    private static long after(ServerRequest request) {
        return request.queryParam("after").map(ChatHandler::parseSequence).orElse(0L);
    }

    private static long parseSequence(String value) {
        try {
            long after = Long.parseLong(value.strip());
            if (after < 0) {
                throw new NumberFormatException();
            }
            return after;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("\"after\" must be a sequence number (0 or more)");
        }
    }

    private Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
