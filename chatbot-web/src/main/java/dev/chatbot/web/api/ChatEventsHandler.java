package dev.chatbot.web.api;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.http.Queries;
import dev.chatbot.web.offload.Offload;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A conversation's events for its customer: the history after a sequence number, and the live stream (SSE). */
final class ChatEventsHandler {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final ChatRequests requests;
    private final TranscriptStore store;
    private final LiveEvents live;
    private final JsonBodies json;
    private final Offload offload;

    ChatEventsHandler(ChatRequests requests, TranscriptStore store, LiveEvents live, JsonBodies json,
                      Offload offload) {
        this.requests = requests;
        this.store = store;
        this.live = live;
        this.json = json;
        this.offload = offload;
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
        }).flatMap(json::ok);
    }

    /**
     * Server-sent events; only here may the token come as {@code ?token=}, because EventSource cannot set headers
     * (a query string ends up in logs and browser history, so every other route takes the header only).
     */
    Mono<ServerResponse> stream(ServerRequest request) {
        String lastEventId = request.headers().firstHeader("Last-Event-ID");
        long after = lastEventId != null ? Queries.sequence(lastEventId) : after(request);
        return requests.existingStream(request).flatMap(id -> {
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

    private static long after(ServerRequest request) {
        return request.queryParam("after").map(Queries::sequence).orElse(0L);
    }
}
