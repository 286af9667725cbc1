package dev.chatbot.web.console;

import static dev.chatbot.web.console.ConsoleRequests.agent;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Role;
import dev.chatbot.web.error.ApiException;
import dev.chatbot.web.http.JsonBodies;
import dev.chatbot.web.offload.Offload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

/** The console's live queue as each agent sees it (as JSON and as server-sent events), taking the next waiting customer, and the FAQ. */
final class QueueHandler {

    private static final Duration COALESCE = Duration.ofMillis(200);
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final AgentDesk desk;
    private final TranscriptStore store;
    private final AgentAccounts accounts;
    private final QueueFeed feed;
    private final Supplier<Map<IntentName, IntentDefinition>> faq;
    private final JsonBodies json;
    private final Offload offload;
    private final Clock clock;

    QueueHandler(AgentDesk desk, TranscriptStore store, AgentAccounts accounts, QueueFeed feed,
                 Supplier<Map<IntentName, IntentDefinition>> faq, JsonBodies json, Offload offload, Clock clock) {
        this.desk = desk;
        this.store = store;
        this.accounts = accounts;
        this.feed = feed;
        this.faq = faq;
        this.json = json;
        this.offload = offload;
        this.clock = clock;
    }

    Mono<ServerResponse> queue(ServerRequest request) {
        return agent(request).flatMap(id -> offload.io(() -> snapshot(id))).flatMap(json::ok);
    }

    /** The queue as server-sent events: a snapshot at once and whenever it may have changed. */
    Mono<ServerResponse> queueStream(ServerRequest request) {
        return agent(request).flatMap(id -> {
            Flux<ServerSentEvent<Object>> snapshots = feed.ticks(COALESCE, REFRESH)
                    .onBackpressureLatest()
                    .concatMap(tick -> offload.io(() -> snapshot(id)), 1)
                    .map(snapshot -> ServerSentEvent.builder((Object) snapshot).event("queue").build());
            return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(snapshots, ServerSentEvent.class);
        });
    }

    /**
     * The queue as {@code agent} sees it: routed to them first, then open to everyone; an ADMIN also sees what is
     * routed elsewhere (last).
     */
    private Map<String, Object> snapshot(AgentId agent) {
        Instant now = clock.instant();
        boolean admin = accounts.find(agent).map(a -> a.role() == Role.ADMIN).orElse(false);
        List<Map<String, Object>> items = desk.queueFor(accounts.profile(agent), accounts.roster(), admin).stream()
                .map(placed -> ConsoleViews.queueItem(placed,
                        store.read(placed.routed().entry().conversationId(), 0), now))
                .toList();
        return ConsoleViews.queue(items, accounts.online(), now);
    }

    Mono<ServerResponse> claimNext(ServerRequest request) {
        return agent(request).flatMap(id -> offload.io(() -> desk.claimNext(accounts.profile(id), accounts.roster())))
                .flatMap(claimed -> claimed.isPresent()
                        ? json.ok(Map.of("claimed", true, "conversationId", claimed.get().value()))
                        : Mono.error(new ApiException(HttpStatus.NOT_FOUND, "queue_empty", "nobody is waiting")));
    }

    Mono<ServerResponse> faq(ServerRequest request) {
        return json.ok(faq.get().values().stream()
                .sorted(Comparator.comparing(IntentDefinition::category).thenComparing(d -> d.name().value()))
                .map(ConsoleViews::faq).toList());
    }
}
