package dev.chatbot.web.console;

import dev.chatbot.conversation.QueueNotices;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.console.agent.AgentAccounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks after waiting customers: when a conversation is escalated while no agent is online it tells the
 * customer {@code nobodyOnlineMessage}; when a conversation has waited longer than {@code waitLimit} it offers
 * to leave a message. The conversation stays queued either way. Every instance runs one; {@link QueueNotices}
 * makes sure each customer is told once. Work runs on a thread of its own, never on the store's.
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
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "handoff-watcher");
        t.setDaemon(true);
        return t;
    });
    private Subscription subscription;

    public HandoffWatcher(TranscriptStore store, QueueNotices notices, AgentAccounts accounts,
                          String nobodyOnlineMessage, Duration waitLimit, String leaveMessageOffer, Clock clock) {
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
            if (event.event() instanceof TranscriptEvent.Escalated) {
                executor.execute(() -> escalated(event));
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
            if (accounts.online().isEmpty()) {
                notices.tellOnce(stored.conversationId(), nobodyOnlineMessage);
            }
        } catch (RuntimeException e) {
            log.warn("Could not tell {} that nobody is online", stored.conversationId(), e);
        }
    }

    void checkWaitingTimes() {
        try {
            Instant overdue = clock.instant().minus(waitLimit);
            for (QueueEntry entry : store.queue()) {
                if (entry.waitingSince().isAfter(overdue)) {
                    break; // longest waiting first: the rest waited less
                }
                notices.tellOnce(entry.conversationId(), leaveMessageOffer);
            }
        } catch (RuntimeException e) {
            log.warn("Could not check the waiting times of the handoff queue", e);
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
