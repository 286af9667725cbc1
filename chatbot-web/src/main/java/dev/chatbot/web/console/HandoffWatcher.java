package dev.chatbot.web.console;

import dev.chatbot.conversation.QueueNotices;
import dev.chatbot.hours.HoursSource;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.RecentConversations;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.console.agent.AgentAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks after waiting customers: when a conversation is escalated while no agent is online it tells the
 * customer {@code nobodyOnlineMessage}; when a conversation has waited longer than {@code waitLimit} it offers
 * to leave a message. The conversation stays queued either way. A wait that began outside opening hours is told
 * neither: the escalation itself told the customer when the team is back and offered to leave a message. Every instance runs one; {@link QueueNotices}
 * makes sure each customer is told once. Work runs on a thread of its own, never on the store's.
 *
 * <p>The offer is due {@code waitLimit} after the escalation the watcher hears, so a check only looks at what
 * fell due since the last one; the whole queue is read once per {@code waitLimit} (and at start), for waits it
 * did not hear begin (before a restart, or a live event lost in a reconnect). A wait it has offered for is not
 * looked at again, so a check costs nothing however many customers wait past the limit.
 */
public final class HandoffWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HandoffWatcher.class);

    private final TranscriptStore store;
    private final QueueNotices notices;
    private final AgentAccounts accounts;
    private final String nobodyOnlineMessage;
    private final Duration waitLimit;
    private final String leaveMessageOffer;
    private final Clock clock;
    private final HoursSource hours;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "handoff-watcher");
        t.setDaemon(true);
        return t;
    });
    private Subscription subscription;
    // the fields below are used on the executor's thread only
    /** Waits whose offer falls due, soonest first; {@link #scheduled} holds the same waits by conversation. */
    private final PriorityQueue<Wait> due = new PriorityQueue<>(Comparator.comparing(Wait::offerAt));

    private final Map<ConversationId, Instant> scheduled = new HashMap<>();
    /** The wait (its start) each conversation was last offered for: not looked at again. */
    private final Map<ConversationId, Instant> offered = RecentConversations.map(OFFERED_REMEMBERED);

    private Instant nextQueueRead = Instant.MIN;

    private static final int OFFERED_REMEMBERED = 100_000;

    private record Wait(ConversationId conversationId, Instant since, Instant offerAt) {}

    public HandoffWatcher(
            TranscriptStore store,
            QueueNotices notices,
            AgentAccounts accounts,
            String nobodyOnlineMessage,
            Duration waitLimit,
            String leaveMessageOffer,
            Clock clock) {
        this(store, notices, accounts, nobodyOnlineMessage, waitLimit, leaveMessageOffer, clock, HoursSource.ALWAYS);
    }

    public HandoffWatcher(
            TranscriptStore store,
            QueueNotices notices,
            AgentAccounts accounts,
            String nobodyOnlineMessage,
            Duration waitLimit,
            String leaveMessageOffer,
            Clock clock,
            HoursSource hours) {
        this.hours = hours;
        this.store = store;
        this.notices = notices;
        this.accounts = accounts;
        this.nobodyOnlineMessage = nobodyOnlineMessage == null ? "" : nobodyOnlineMessage.strip();
        this.waitLimit = waitLimit;
        this.leaveMessageOffer = leaveMessageOffer == null ? "" : leaveMessageOffer.strip();
        this.clock = clock;
    }

    /** Starts listening for escalations and checking waiting times every {@code checkEvery}. */
    public void start(Duration checkEvery) {
        // only escalations are handed to this thread: every other event would cost a task hand-over for nothing
        subscription = store.subscribeAll(event -> {
            if (event.event() instanceof TranscriptEvent.Escalated escalation) {
                executor.execute(() -> {
                    escalated(event);
                    expectWait(event.conversationId(), escalation.at());
                });
            }
        });
        if (!leaveMessageOffer.isEmpty()) {
            long millis = Math.max(200, checkEvery.toMillis());
            executor.scheduleWithFixedDelay(this::checkWaitingTimes, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    void escalated(StoredEvent stored) {
        if (!(stored.event() instanceof TranscriptEvent.Escalated) || nobodyOnlineMessage.isEmpty()) {
            return;
        }
        try {
            if (hours.current().isOpen(stored.event().at()) && accounts.online().isEmpty()) {
                notices.tellOnce(stored.conversationId(), nobodyOnlineMessage);
            }
        } catch (RuntimeException e) {
            log.warn("Could not tell {} that nobody is online", stored.conversationId(), e);
        }
    }

    /** A wait that began at {@code since}: its offer falls due {@code waitLimit} later. */
    private void expectWait(ConversationId id, Instant since) {
        if (leaveMessageOffer.isEmpty() || since.equals(offered.get(id))) {
            return;
        }
        Instant expected = scheduled.get(id);
        if (expected != null && !since.isAfter(expected)) {
            return; // expected already, or a later wait of the conversation is
        }
        scheduled.put(id, since);
        due.add(new Wait(id, since, since.plus(waitLimit)));
    }

    void checkWaitingTimes() {
        Instant now = clock.instant();
        if (!now.isBefore(nextQueueRead)) {
            try {
                readQueue(now);
                nextQueueRead = now.plus(waitLimit);
            } catch (RuntimeException e) {
                log.warn("Could not read the handoff queue", e);
            }
        }
        while (!due.isEmpty() && !due.peek().offerAt().isAfter(now)) {
            Wait wait = due.poll();
            if (!wait.since().equals(scheduled.get(wait.conversationId()))) {
                continue; // a later wait of the same conversation took its place
            }
            scheduled.remove(wait.conversationId());
            offer(wait.conversationId(), wait.since());
        }
    }

    /** One check of the waiting times, on the watcher's thread, now (tests drive the checks with it). */
    Future<?> checkNow() {
        return executor.submit(this::checkWaitingTimes);
    }

    /** Every wait in the queue: the overdue ones are offered now (unless they were), the others expected. */
    private void readQueue(Instant now) {
        Instant overdue = now.minus(waitLimit);
        for (QueueEntry entry : store.queue()) {
            if (entry.waitingSince().isAfter(overdue)) {
                expectWait(entry.conversationId(), entry.waitingSince());
            } else {
                offer(entry.conversationId(), entry.waitingSince());
            }
        }
    }

    private void offer(ConversationId id, Instant since) {
        if (since.equals(offered.get(id))) {
            return;
        }
        try {
            if (!hours.current().isOpen(since)) {
                offered.put(id, since); // escalated out of hours: the escalation offered it already
                return;
            }
            // told now, told before, or no longer waiting (claimed, resolved): this wait is settled either way
            notices.tellOnce(id, leaveMessageOffer);
            offered.put(id, since);
        } catch (RuntimeException e) {
            log.warn("Could not offer {} to leave a message", id, e);
        }
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        executor.shutdownNow();
    }
}
