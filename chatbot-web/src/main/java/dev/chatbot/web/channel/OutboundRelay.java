package dev.chatbot.web.channel;

import dev.chatbot.conversation.BotReply;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what the customer of a messaging channel must see into the outbox: for channels that answer
 * asynchronously (WhatsApp, Telegram) every bot and agent message; for channels that get the bot's replies in
 * the webhook's response (generic) only what comes later (agent replies). Listens to the store's live events
 * of all conversations; the work runs on a thread of its own, never on the store's.
 */
public final class OutboundRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundRelay.class);

    private final TranscriptStore transcripts;
    private final ChannelStore channels;
    private final Set<String> synchronousChannels;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbound-relay");
        t.setDaemon(true);
        return t;
    });
    private Subscription subscription;

    public OutboundRelay(TranscriptStore transcripts, ChannelStore channels, Set<String> synchronousChannels,
                         Clock clock) {
        this.transcripts = transcripts;
        this.channels = channels;
        this.synchronousChannels = Set.copyOf(synchronousChannels);
        this.clock = clock;
    }

    public void start() {
        // customer messages, starts, claims... are never sent out: only replies are handed to the relay thread
        subscription = transcripts.subscribeAll(event -> {
            if (event.event() instanceof TranscriptEvent.AgentReplied || BotReply.of(event).isPresent()) {
                executor.execute(() -> relay(event));
            }
        });
    }

    void relay(StoredEvent stored) {
        try {
            Optional<ChannelAddress> to = channels.address(stored.conversationId());
            if (to.isEmpty()) {
                return; // a web widget conversation: the widget follows the live stream itself
            }
            boolean later = stored.event() instanceof TranscriptEvent.AgentReplied;
            if (!later && synchronousChannels.contains(to.get().channel())) {
                return;
            }
            Optional<Outgoing> message = outgoing(stored.event(), stored);
            if (message.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            channels.enqueue(new Delivery(stored.conversationId().value() + ":" + stored.sequence(),
                    stored.conversationId().value(), stored.sequence(), to.get(), stored.event().type(),
                    message.get().text(), message.get().quickReplies(), 0, now, now));
        } catch (RuntimeException e) {
            log.error("Could not queue event {} of {} for delivery", stored.sequence(), stored.conversationId(), e);
        }
    }

    private record Outgoing(String text, List<String> quickReplies) {
    }

    private static Optional<Outgoing> outgoing(TranscriptEvent event, StoredEvent stored) {
        if (event instanceof TranscriptEvent.AgentReplied a) {
            return Optional.of(new Outgoing(a.text(), List.of()));
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
