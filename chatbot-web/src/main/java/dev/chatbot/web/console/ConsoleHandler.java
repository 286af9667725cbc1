package dev.chatbot.web.console;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationNotFoundException;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.api.LiveEvents;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Presence;
import dev.chatbot.web.console.agent.Role;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.offload.Offload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The console's JSON API (DESIGN.md §7, agent console): the live queue, presence, claiming, the transcript,
 * replies, canned FAQ answers, labels, resolving, handing back, and agent accounts. Authentication and roles
 * are checked before a request gets here; this handler takes the agent from the request's principal.
 */
final class ConsoleHandler {

    private static final Duration COALESCE = Duration.ofMillis(200);
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final AgentDesk desk;
    private final TranscriptStore store;
    private final AgentAccounts accounts;
    private final QueueFeed feed;
    /** The FAQ of the model being served (it changes with a hot swap). */
    private final Supplier<Map<IntentName, IntentDefinition>> faq;
    private final int maxMessageLength;
    private final Clock clock;
    private final Offload offload;
    private final LiveEvents live;

    ConsoleHandler(AgentDesk desk, TranscriptStore store, AgentAccounts accounts, QueueFeed feed,
                   Supplier<Map<IntentName, IntentDefinition>> faq, int maxMessageLength, Clock clock, Offload offload) {
        this.desk = desk;
        this.store = store;
        this.accounts = accounts;
        this.feed = feed;
        this.faq = faq;
        this.maxMessageLength = maxMessageLength;
        this.clock = clock;
        this.offload = offload;
        this.live = new LiveEvents(store, offload);
    }

    // --- the agent ---------------------------------------------------------------------------------------

    /** Who is logged in, their role and presence, and the CSRF token the console sends on every change. */
    Mono<ServerResponse> me(ServerRequest request) {
        Mono<CsrfToken> csrf = request.exchange().getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return agent(request).flatMap(id -> blocking(() -> accounts.find(id).orElseThrow())
                .zipWith(blocking(() -> accounts.status(id)))
                .zipWith(csrf.map(t -> Map.of("headerName", t.getHeaderName(), "token", t.getToken()))
                        .defaultIfEmpty(Map.of()))
                .flatMap(t -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("username", id.value());
                    out.put("role", t.getT1().getT1().role().name());
                    out.put("status", t.getT1().getT2().name());
                    out.put("csrf", t.getT2());
                    return json(out);
                }));
    }

    Mono<ServerResponse> presence(ServerRequest request) {
        return agent(request).flatMap(id -> request.bodyToMono(ConsoleViews.PresenceRequest.class)
                .switchIfEmpty(Mono.error(ApiException.badRequest("a JSON body with \"status\" is required")))
                .flatMap(body -> {
                    Presence.Status status = parse(Presence.Status.class, body.status(), "status", "ONLINE or AWAY");
                    return blocking(() -> {
                        accounts.report(id, status);
                        return Map.of("username", id.value(), "status", status.name());
                    });
                }))
                .flatMap(this::json);
    }

    // --- the queue ---------------------------------------------------------------------------------------

    Mono<ServerResponse> queue(ServerRequest request) {
        return blocking(this::queueSnapshot).flatMap(this::json);
    }

    /** The queue as server-sent events: a snapshot at once and whenever it may have changed. */
    Mono<ServerResponse> queueStream(ServerRequest request) {
        Flux<ServerSentEvent<Object>> snapshots = feed.ticks(COALESCE, REFRESH)
                .onBackpressureLatest()
                .concatMap(tick -> blocking(this::queueSnapshot), 1)
                .map(snapshot -> ServerSentEvent.builder((Object) snapshot).event("queue").build());
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(snapshots, ServerSentEvent.class);
    }

    private Map<String, Object> queueSnapshot() {
        Instant now = clock.instant();
        List<Map<String, Object>> items = desk.queue().stream()
                .map(entry -> ConsoleViews.queueItem(entry, store.read(entry.conversationId(), 0), now))
                .toList();
        return ConsoleViews.queue(items, accounts.online(), now);
    }

    Mono<ServerResponse> claimNext(ServerRequest request) {
        return agent(request).flatMap(id -> blocking(() -> desk.claimNext(id)))
                .flatMap(claimed -> claimed.isPresent()
                        ? json(Map.of("claimed", true, "conversationId", claimed.get().value()))
                        : Mono.error(new ApiException(HttpStatus.NOT_FOUND, "queue_empty", "nobody is waiting")));
    }

    Mono<ServerResponse> faq(ServerRequest request) {
        return json(faq.get().values().stream()
                .sorted(Comparator.comparing(IntentDefinition::category).thenComparing(d -> d.name().value()))
                .map(ConsoleViews::faq).toList());
    }

    // --- one conversation --------------------------------------------------------------------------------

    Mono<ServerResponse> conversation(ServerRequest request) {
        ConversationId id = conversationId(request);
        return blocking(() -> {
            var log = store.read(id, 0);
            if (log.isEmpty()) {
                throw new ConversationNotFoundException(id);
            }
            return ConsoleViews.conversation(id, SessionState.replay(id, log), log);
        }).flatMap(this::json);
    }

    /** The conversation's events as server-sent events (history after {@code after}, then live). */
    Mono<ServerResponse> conversationStream(ServerRequest request) {
        ConversationId id = conversationId(request);
        long after = request.queryParam("after").map(ConsoleHandler::sequence).orElse(0L);
        Flux<ServerSentEvent<Object>> events = live.follow(id, after)
                .map(e -> ServerSentEvent.builder((Object) ConsoleViews.event(e)).id(Long.toString(e.sequence()))
                        .build());
        Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(Duration.ofSeconds(15))
                .map(n -> ServerSentEvent.builder().comment("keep-alive").build());
        // an unknown conversation is a 404 at once, not a stream that stays silent until its first heartbeat
        return blocking(() -> store.session(id).exists())
                .flatMap(exists -> exists ? ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(Flux.merge(events, heartbeats), ServerSentEvent.class)
                        : Mono.error(new ConversationNotFoundException(id)));
    }

    Mono<ServerResponse> claim(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request).flatMap(agent -> blocking(() -> desk.claim(id, agent)))
                .flatMap(won -> won ? json(Map.of("claimed", true, "conversationId", id.value()))
                        : Mono.error(new ApiException(HttpStatus.CONFLICT, "not_claimable",
                                "this conversation is no longer waiting (another agent may have claimed it)")));
    }

    Mono<ServerResponse> reply(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request).flatMap(agent -> request.bodyToMono(ConsoleViews.ReplyRequest.class)
                .switchIfEmpty(Mono.error(ApiException.badRequest("a JSON body with \"text\" is required")))
                .flatMap(body -> {
                    String text = text(body.text());
                    return action(() -> Map.of("messageId", desk.reply(id, agent, text).value()));
                }))
                .flatMap(this::json);
    }

    Mono<ServerResponse> label(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request).flatMap(agent -> request.bodyToMono(ConsoleViews.LabelRequest.class)
                .switchIfEmpty(Mono.error(ApiException.badRequest("a JSON body with \"messageId\" and \"intent\" is required")))
                .flatMap(body -> {
                    MessageId message;
                    IntentName intent;
                    try {
                        message = MessageId.of(body.messageId());
                        intent = IntentName.of(body.intent());
                    } catch (IllegalArgumentException | NullPointerException e) {
                        return Mono.error(ApiException.badRequest(e.getMessage() == null
                                ? "\"messageId\" and \"intent\" are required" : e.getMessage()));
                    }
                    return action(() -> {
                        desk.label(id, agent, message, intent);
                        return Map.of("messageId", message.value(), "intent", intent.value(),
                                "known", faq.get().containsKey(intent));
                    });
                }))
                .flatMap(this::json);
    }

    Mono<ServerResponse> resolve(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request).flatMap(agent -> action(() -> {
            desk.resolve(id, agent);
            return Map.of("state", "CLOSED");
        })).flatMap(this::json);
    }

    Mono<ServerResponse> handBack(ServerRequest request) {
        ConversationId id = conversationId(request);
        return agent(request).flatMap(agent -> action(() -> {
            desk.handBack(id, agent);
            return Map.of("state", "BOT");
        })).flatMap(this::json);
    }

    // --- accounts (ADMIN) --------------------------------------------------------------------------------

    Mono<ServerResponse> agents(ServerRequest request) {
        return blocking(() -> {
            Set<AgentId> online = Set.copyOf(accounts.online());
            return accounts.all().stream().map(a -> ConsoleViews.agent(a, online.contains(a.id()))).toList();
        }).flatMap(this::json);
    }

    Mono<ServerResponse> addAgent(ServerRequest request) {
        return request.bodyToMono(ConsoleViews.NewAgentRequest.class)
                .switchIfEmpty(Mono.error(ApiException.badRequest("a JSON body with \"username\", \"password\" and \"role\" is required")))
                .flatMap(body -> {
                    AgentId id = agentId(body.username());
                    Role role = body.role() == null ? Role.AGENT : parse(Role.class, body.role(), "role", "AGENT or ADMIN");
                    return action(() -> accounts.add(id, body.password(), role));
                })
                .flatMap(agent -> ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(ConsoleViews.agent(agent, false)));
    }

    Mono<ServerResponse> disableAgent(ServerRequest request) {
        return setEnabled(request, false);
    }

    Mono<ServerResponse> enableAgent(ServerRequest request) {
        return setEnabled(request, true);
    }

    private Mono<ServerResponse> setEnabled(ServerRequest request, boolean enabled) {
        AgentId target = agentId(request.pathVariable("username"));
        return agent(request).flatMap(self -> {
            if (!enabled && self.equals(target)) {
                return Mono.error(new ApiException(HttpStatus.CONFLICT, "conflict", "you cannot disable yourself"));
            }
            return action(() -> accounts.setEnabled(target, enabled));
        }).flatMap(agent -> json(ConsoleViews.agent(agent, false)));
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static Mono<AgentId> agent(ServerRequest request) {
        return request.principal().map(p -> AgentId.of(p.getName()))
                .switchIfEmpty(Mono.error(ApiException.unauthorized("log in to the console first")));
    }

    /** Runs a desk or account action off the event loop, turning refusals into 4xx answers. */
    private <T> Mono<T> action(Callable<T> work) {
        return blocking(work).onErrorMap(e -> !(e instanceof ApiException), ConsoleHandler::refusal);
    }

    private static Throwable refusal(Throwable e) {
        if (e instanceof ConversationNotFoundException || e instanceof NoSuchElementException) {
            return ApiException.notFound(e.getMessage());
        }
        if (e instanceof IllegalStateException) {
            return new ApiException(HttpStatus.CONFLICT, "conflict", e.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return ApiException.badRequest(e.getMessage());
        }
        return e;
    }

    private static ConversationId conversationId(ServerRequest request) {
        try {
            return ConversationId.of(request.pathVariable("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("no such conversation");
        }
    }

    private static AgentId agentId(String value) {
        try {
            return AgentId.of(value == null ? null : value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private String text(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("\"text\" is required and must not be blank");
        }
        if (text.length() > maxMessageLength) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "message_too_long",
                    "the text is " + text.length() + " characters long; the limit is " + maxMessageLength);
        }
        return text;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String allowed) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("\"" + field + "\" must be " + allowed);
        }
    }

    private static long sequence(String value) {
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("\"after\" must be a sequence number (0 or more)");
        }
    }

    private <T> Mono<T> blocking(Callable<T> work) {
        return offload.io(work);
    }

    private Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
