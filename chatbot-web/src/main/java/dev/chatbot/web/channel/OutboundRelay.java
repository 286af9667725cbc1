package dev.chatbot.web.channel;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.Delivery;
import dev.chatbot.conversation.BotReply;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.RecentConversations;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what the customer of a messaging channel must see into the outbox: for channels that answer
 * asynchronously (WhatsApp, Telegram) every bot and agent message, and at the close the rating prompt with the scores
 * 1-5 as quick replies (and a thank-you once rated); for channels that get the bot's replies in
 * the webhook's response (generic) only what comes later (agent replies). Listens to the store's live events
 * of all conversations; the work runs on a thread of its own, never on the store's. Live events are at most once, so
 * the channel store keeps a "relayed up to" mark per open channel conversation, from which {@link #start} catches up.
 *
 * <p>Over 250 lines: following live events and catching up share the relay's mark and its outbox rules.
 */
public final class OutboundRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundRelay.class);
    /** How long one event is retried while the channel store is unreachable before it is dropped. */
    static final Duration GIVE_UP = Duration.ofMinutes(10);

    static final int REMEMBERED = 100_000;

    private final TranscriptStore transcripts;
    private final ChannelStore channels;
    private final Set<String> outboxChannels;
    private final Set<String> synchronousChannels;
    /**
     * Conversations seen starting on a channel without an outbox, the most recent {@link #REMEMBERED} of them.
     * One that is not here (forgotten, or started before this instance listened) is looked up as before.
     */
    private final Set<ConversationId> withoutOutbox = Collections.newSetFromMap(RecentConversations.map(REMEMBERED));

    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbound-relay");
        t.setDaemon(true);
        return t;
    });
    private Subscription subscription;
    /** How far the catch-up at start went per conversation: live events up to there were relayed by it. */
    private final Map<ConversationId, Long> caughtUp = new ConcurrentHashMap<>();

    /**
     * @param outboxChannels      the channels whose conversations have an address to send to (generic, WhatsApp,
     *                            Telegram); a conversation started on any other (the web widget) never has one
     * @param synchronousChannels those of them whose bot replies go back in the webhook's response
     */
    public OutboundRelay(
            TranscriptStore transcripts,
            ChannelStore channels,
            Set<String> outboxChannels,
            Set<String> synchronousChannels,
            Clock clock) {
        this.transcripts = transcripts;
        this.channels = channels;
        this.outboxChannels = Set.copyOf(outboxChannels);
        this.synchronousChannels = Set.copyOf(synchronousChannels);
        this.clock = clock;
    }

    /**
     * Catches up (on the relay thread, before any live event) and then follows the store's live events. The catch-up
     * closes the gap a crash leaves between appending a reply and putting it into the outbox: for every conversation
     * the channel store still follows, the replies after its relay mark are queued (a delivery id is queued once, so a
     * reply that was queued but not marked is not queued twice; one delivered in that window is sent again).
     */
    public void start() {
        executor.execute(this::catchUp);
        subscription = transcripts.subscribeAll(this::onEvent);
    }

    void catchUp() {
        Map<ConversationId, Long> marks;
        try {
            marks = channels.relayMarks();
        } catch (RuntimeException e) {
            log.error("Could not read the relay marks; replies appended before a crash may not be sent", e);
            return;
        }
        int queued = 0;
        for (Map.Entry<ConversationId, Long> mark : marks.entrySet()) {
            try {
                List<StoredEvent> missed = transcripts.read(mark.getKey(), mark.getValue());
                for (StoredEvent event : missed) {
                    if (event.event() instanceof TranscriptEvent.Resolved) {
                        relay(event); // the rating prompt
                        channels.relayFinished(event.conversationId());
                    } else if (isReply(event)) {
                        relay(event);
                        queued++;
                    }
                    caughtUp.put(event.conversationId(), event.sequence());
                }
            } catch (RuntimeException e) {
                log.error("Could not catch up the relay of {}", mark.getKey(), e);
            }
        }
        if (queued > 0) {
            log.info(
                    "Relay caught up: {} replies appended but not relayed before the last stop were looked at", queued);
        }
    }

    /** What the customer is sent (besides the rating prompt at the close): replies, and thanks for a rating. */
    private static boolean isReply(StoredEvent event) {
        return event.event() instanceof TranscriptEvent.AgentReplied
                || event.event() instanceof TranscriptEvent.ConversationRated
                || BotReply.of(event).isPresent();
    }

    /**
     * Runs on the store's event thread, for every event of every conversation, so it only sorts: customer
     * messages, starts, claims... are never sent out, and neither is anything of a conversation whose start
     * showed a channel without an outbox. Only the replies left are handed to the relay thread (for a web chat
     * that hand-over, and the channel lookup behind it, a Redis call on Redis, came with every bot answer).
     */
    void onEvent(StoredEvent event) {
        if (event.event() instanceof TranscriptEvent.ConversationStarted started) {
            if (!outboxChannels.contains(started.channel())) {
                withoutOutbox.add(event.conversationId());
            }
            return;
        }
        if (withoutOutbox.contains(event.conversationId())) {
            return;
        }
        if (isReply(event)) {
            executor.execute(() -> {
                if (!relayedByCatchUp(event)) {
                    relay(event);
                }
            });
        } else if (event.event() instanceof TranscriptEvent.Resolved) {
            executor.execute(() -> {
                if (!relayedByCatchUp(event)) {
                    relay(event); // the rating prompt
                }
                finish(event);
            });
        }
    }

    private boolean relayedByCatchUp(StoredEvent event) {
        Long upTo = caughtUp.get(event.conversationId());
        return upTo != null && event.sequence() <= upTo;
    }

    /** A closed conversation gets nothing more: its relay mark goes (every reply before it was handled already). */
    private void finish(StoredEvent resolved) {
        caughtUp.remove(resolved.conversationId());
        try {
            channels.relayFinished(resolved.conversationId());
        } catch (RuntimeException e) {
            log.warn("Could not drop the relay mark of {}: {}", resolved.conversationId(), e.getMessage());
        }
    }

    /**
     * Queues {@code stored} for delivery if its conversation has a channel address. While the channel store is
     * unreachable (Redis restarting) the same event is tried again, with pauses doubling from 100 ms to 2 s, and
     * the events behind it wait, so a reply is not dropped and a conversation's replies keep their order; after
     * {@link #GIVE_UP} (or at shutdown) it is logged as an error and dropped.
     */
    void relay(StoredEvent stored) {
        long pauseMillis = 100;
        Instant giveUp = clock.instant().plus(GIVE_UP);
        boolean warned = false;
        while (true) {
            try {
                relayOnce(stored);
                if (warned) {
                    log.info(
                            "Channel store reachable again; event {} of {} queued for delivery",
                            stored.sequence(),
                            stored.conversationId());
                }
                return;
            } catch (TranscriptStoreException e) {
                if (executor.isShutdown() || clock.instant().isAfter(giveUp)) {
                    log.error(
                            "Gave up queueing event {} of {} for delivery: {}",
                            stored.sequence(),
                            stored.conversationId(),
                            e.getMessage());
                    return;
                }
                if (!warned) {
                    log.warn(
                            "Channel store unreachable ({}); retrying event {} of {} and holding the ones after it",
                            e.getMessage(),
                            stored.sequence(),
                            stored.conversationId());
                    warned = true;
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pauseMillis = Math.min(pauseMillis * 2, 2_000);
            }
        }
    }

    private void relayOnce(StoredEvent stored) {
        try {
            Optional<ChannelAddress> to = channels.address(stored.conversationId());
            if (to.isEmpty()) {
                return; // a web widget conversation: the widget follows the live stream itself
            }
            boolean later = stored.event() instanceof TranscriptEvent.AgentReplied;
            if (!later && synchronousChannels.contains(to.get().channel())) {
                return; // answered in the webhook's response (the mark stays: no write per bot answer); the
                // rating prompt too: a generic webhook's caller asks for ratings its own way
            }
            Optional<Outgoing> message = outgoing(stored.event(), stored);
            if (message.isEmpty()) {
                channels.relayed(stored.conversationId(), stored.sequence());
                return;
            }
            Instant now = clock.instant();
            channels.enqueue(new Delivery(
                    stored.conversationId().value() + ":" + stored.sequence(),
                    stored.conversationId().value(),
                    stored.sequence(),
                    to.get(),
                    stored.event().type(),
                    message.get().text(),
                    message.get().quickReplies(),
                    0,
                    now,
                    now));
            channels.relayed(stored.conversationId(), stored.sequence());
        } catch (TranscriptStoreException e) {
            throw e; // the store is away: relay() tries again
        } catch (RuntimeException e) {
            log.error("Could not queue event {} of {} for delivery", stored.sequence(), stored.conversationId(), e);
        }
    }

    private record Outgoing(String text, List<String> quickReplies) {}

    /** Sent when a conversation is closed (by the bot or an agent); a reply with one of the scores is its rating. */
    static final String RATING_PROMPT =
            "How did we do? Please rate this conversation from 1 (poor) to 5 (excellent) by replying with a number.";

    static final List<String> SCORES = List.of("1", "2", "3", "4", "5");

    static final String RATING_THANKS = "Thank you for your rating!";

    private static Optional<Outgoing> outgoing(TranscriptEvent event, StoredEvent stored) {
        if (event instanceof TranscriptEvent.AgentReplied a) {
            return Optional.of(new Outgoing(a.text(), List.of()));
        }
        if (event instanceof TranscriptEvent.Resolved) {
            return Optional.of(new Outgoing(RATING_PROMPT, SCORES));
        }
        if (event instanceof TranscriptEvent.ConversationRated) {
            return Optional.of(new Outgoing(RATING_THANKS, List.of()));
        }
        return BotReply.of(stored).map(r -> new Outgoing(r.text(), r.quickReplies()));
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        executor.shutdown();
    }
}
