package dev.chatbot.web.console;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.metrics.ChatMetrics;
import dev.chatbot.web.offload.Offload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;

/**
 * The queue as the console shows it, built once per change for this instance and shared by every agent's live
 * feed: one store read of the queue and of the first {@link #PAGE} waiting conversations per change (coalesced), not
 * one per agent and event. Later pages are read on request ({@link #page}). Each build also tells the metrics how
 * long the queue is, so the Prometheus gauge does not read it again. Thread-safe.
 */
public final class QueueSnapshots {

    /** Conversations per page: what the live feed carries. */
    public static final int PAGE = 50;
    /** The most one page request may ask for. */
    public static final int MAX_PAGE = 200;

    private static final Duration COALESCE = Duration.ofMillis(200);
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final AgentDesk desk;
    private final TranscriptStore store;
    private final AgentAccounts accounts;
    private final ChatMetrics metrics;
    private final Clock clock;
    private final Flux<Map<String, Object>> live;

    public QueueSnapshots(AgentDesk desk, TranscriptStore store, AgentAccounts accounts, QueueFeed feed,
                          ChatMetrics metrics, Offload offload, Clock clock) {
        this.desk = desk;
        this.store = store;
        this.accounts = accounts;
        this.metrics = metrics;
        this.clock = clock;
        // built while at least one console here is connected; a console that connects later gets the last one at once
        this.live = feed.ticks(COALESCE, REFRESH)
                .onBackpressureLatest()
                .concatMap(tick -> offload.io(() -> page(0, PAGE)), 1)
                .replay(1)
                .refCount();
    }

    /** The first page, at once and whenever the queue may have changed (at most every 200 ms, else every 5 s). */
    public Flux<Map<String, Object>> live() {
        return live;
    }

    /** The waiting conversations from {@code offset} (0 = the longest waiting), at most {@code limit}; blocks on the store. */
    public Map<String, Object> page(int offset, int limit) {
        Instant now = clock.instant();
        List<QueueEntry> queue = desk.queue();
        metrics.handoffQueueLength(queue.size());
        List<Map<String, Object>> items = queue.stream().skip(offset).limit(limit)
                .map(entry -> ConsoleViews.queueItem(entry, store.read(entry.conversationId(), 0), now))
                .toList();
        return ConsoleViews.queue(items, queue.size(), offset, accounts.online(), now);
    }
}
