package dev.chatbot.web.console;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.Routing;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Role;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.offload.Offload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;

/**
 * The queue as the console shows it, read once per change for this instance and shared by every agent's live feed:
 * one store read of the queue (with where each conversation is routed) per change (coalesced), not one per agent
 * and event. Each agent sees it arranged for them ({@link Routing#arrange}: routed to them first, then open to
 * everyone; an ADMIN also sees what is routed elsewhere, last), one page at a time; the transcripts the pages show
 * are read once per change and shared too. Each read also tells the metrics how long the queue is, so the Prometheus
 * gauge does not read it again. Thread-safe.
 */
public final class QueueSnapshots {

    /** Conversations per page: what the live feed carries. */
    public static final int PAGE = 50;
    /** The most one page request may ask for. */
    public static final int MAX_PAGE = 200;

    private static final Duration COALESCE = Duration.ofMillis(200);
    private static final Duration REFRESH = Duration.ofSeconds(5);

    /** The queue as read at one change, and the transcripts of its conversations as the pages asked for them. */
    private record Shared(List<Routing.RoutedEntry> routed, Map<ConversationId, List<StoredEvent>> logs) {}

    private final AgentDesk desk;
    private final TranscriptStore store;
    private final AgentAccounts accounts;
    private final ChatMetrics metrics;
    private final Offload offload;
    private final Clock clock;
    private final Flux<Shared> live;

    public QueueSnapshots(
            AgentDesk desk,
            TranscriptStore store,
            AgentAccounts accounts,
            QueueFeed feed,
            ChatMetrics metrics,
            Offload offload,
            Clock clock) {
        this.desk = desk;
        this.store = store;
        this.accounts = accounts;
        this.metrics = metrics;
        this.offload = offload;
        this.clock = clock;
        // read while at least one console here is connected; a console that connects later gets the last one at once
        this.live = feed.ticks(COALESCE, REFRESH)
                .onBackpressureLatest()
                .concatMap(tick -> offload.io(this::read), 1)
                .replay(1)
                .refCount();
    }

    /** {@code agent}'s first page, at once and whenever the queue may have changed (at most every 200 ms, else 5 s). */
    public Flux<Map<String, Object>> live(AgentId agent) {
        return live.onBackpressureLatest().concatMap(shared -> offload.io(() -> view(shared, agent, 0, PAGE)), 1);
    }

    /** The queue as read at each change, shared by every feed here (the same list object for all of them). */
    Flux<List<Routing.RoutedEntry>> reads() {
        return live.map(Shared::routed);
    }

    /** {@code agent}'s view from {@code offset} (0 = first in their order), at most {@code limit}; blocks on the store. */
    public Map<String, Object> page(AgentId agent, int offset, int limit) {
        return view(read(), agent, offset, limit);
    }

    private Shared read() {
        List<Routing.RoutedEntry> routed = desk.routedQueue();
        metrics.handoffQueueLength(routed.size());
        return new Shared(routed, new ConcurrentHashMap<>());
    }

    private Map<String, Object> view(Shared shared, AgentId agent, int offset, int limit) {
        Instant now = clock.instant();
        boolean admin = accounts.find(agent).map(a -> a.role() == Role.ADMIN).orElse(false);
        List<Routing.Placed> placed =
                desk.routing().arrange(shared.routed(), accounts.profile(agent), accounts.roster(), now, admin);
        List<Map<String, Object>> items = placed.stream()
                .skip(offset)
                .limit(limit)
                .map(p -> ConsoleViews.queueItem(
                        p,
                        shared.logs().computeIfAbsent(p.routed().entry().conversationId(), id -> store.read(id, 0)),
                        now))
                .toList();
        return ConsoleViews.queue(items, placed.size(), offset, accounts.online(), now);
    }
}
