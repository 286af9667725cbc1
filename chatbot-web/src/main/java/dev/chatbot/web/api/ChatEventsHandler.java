package dev.chatbot.web.api;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.http.Queries;
import dev.chatbot.web.limits.ClientRequests;
import dev.chatbot.web.limits.ConcurrencyCaps;
import dev.chatbot.web.offload.Offload;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A conversation's events for its customer: the history after a sequence number, and the live stream (SSE). */
final class ChatEventsHandler {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How long a client refused a stream should wait: about how long a widget takes to notice a closed tab. */
    private static final Duration STREAM_RETRY = Duration.ofSeconds(10);

    private final ChatRequests requests;
    private final TranscriptStore store;
    private final LiveEvents live;
    private final JsonBodies json;
    private final Offload offload;
    private final ConcurrencyCaps perConversation;
    private final ConcurrencyCaps perAddress;
    private final ClientRequests clients;

    ChatEventsHandler(
            ChatRequests requests,
            TranscriptStore store,
            LiveEvents live,
            JsonBodies json,
            Offload offload,
            ConcurrencyCaps perConversation,
            ConcurrencyCaps perAddress,
            ClientRequests clients) {
        this.requests = requests;
        this.store = store;
        this.live = live;
        this.json = json;
        this.offload = offload;
        this.perConversation = perConversation;
        this.perAddress = perAddress;
        this.clients = clients;
    }

    /** {@code GET /api/v1/conversations/{id}/events?after=<seq>}: the history after reconnecting. */
    Mono<ServerResponse> events(ServerRequest request) {
        long after = after(request);
        return Mono.defer(() -> {
                    ConversationId id = requests.tokenChecked(request);
                    return offload.io(() -> {
                        SessionState session = store.session(id);
                        if (!session.exists()) {
                            throw ApiException.notFound("no such conversation: " + id.value());
                        }
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("conversationId", id.value());
                        out.put("state", session.state().name());
                        out.put("lastSeq", session.lastSequence());
                        out.put("events", ChatJson.customerEvents(store.read(id, after)));
                        return out;
                    });
                })
                .flatMap(json::ok);
    }

    /**
     * Server-sent events; only here may the token come as {@code ?token=}, because EventSource cannot set headers
     * (a query string ends up in logs and browser history, so every other route takes the header only). A
     * conversation and a client address may hold only so many streams at once (429 with Retry-After beyond that).
     */
    Mono<ServerResponse> stream(ServerRequest request) {
        String lastEventId = request.headers().firstHeader("Last-Event-ID");
        long after = lastEventId != null ? Queries.sequence(lastEventId) : after(request);
        return requests.existingStream(request).flatMap(id -> {
            Runnable release = places(id, clients.of(request.exchange()));
            Flux<ServerSentEvent<Object>> events = live.follow(id, after)
                    .flatMapIterable(e -> ChatJson.customerEvent(e).stream().toList())
                    .map(view -> ServerSentEvent.builder((Object) view)
                            .id(view.get("seq").toString())
                            .event((String) view.get("type"))
                            .build());
            // a random first delay spreads the heartbeats of streams that were opened together (after a
            // restart, every widget reconnects at once) instead of writing to all of them in the same instant
            Duration first = Duration.ofMillis(ThreadLocalRandom.current().nextLong(1, HEARTBEAT.toMillis() + 1));
            Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(first, HEARTBEAT)
                    .map(n -> ServerSentEvent.builder().comment("keep-alive").build());
            // the places are given back when the stream ends, fails or its client goes away (cancel)
            Flux<ServerSentEvent<Object>> body = Flux.merge(events, heartbeats).doFinally(signal -> release.run());
            return ServerResponse.ok()
                    .contentType(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(body, ServerSentEvent.class)
                    .doOnError(e -> release.run());
        });
    }

    /**
     * A stream's places for its conversation and its client, or 429 with Retry-After when either is at its cap;
     * the returned action gives both back (once, however often it runs).
     */
    private Runnable places(ConversationId id, String client) {
        ConcurrencyCaps.Place forAddress = perAddress.take(client);
        if (forAddress == null) {
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too_many_streams",
                    "already " + perAddress.max() + " event streams are open from this address; close one first",
                    STREAM_RETRY);
        }
        ConcurrencyCaps.Place forConversation = perConversation.take(id.value());
        if (forConversation == null) {
            forAddress.close();
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too_many_streams",
                    "this conversation already has " + perConversation.max() + " event streams open; close one first",
                    STREAM_RETRY);
        }
        return () -> {
            forConversation.close();
            forAddress.close();
        };
    }

    private static long after(ServerRequest request) {
        return request.queryParam("after").map(Queries::sequence).orElse(0L);
    }
}
