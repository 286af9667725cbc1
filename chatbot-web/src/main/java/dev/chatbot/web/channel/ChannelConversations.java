package dev.chatbot.web.channel;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.transcript.ConcurrentAppendException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.api.ConversationTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Finds the conversation of a channel user without any table: ids are {@code <channel>-<pseudonym>-<n>},
 * the pseudonym a keyed hash of the address, {@code n} counting the user's conversations; a closed one is
 * followed by the next. A message id already received in a closed conversation maps to that conversation,
 * so a late duplicate still gets its original answer. Safe across instances: starting a conversation is a
 * conditional append, and whoever loses the race uses the winner's. Blocking (store reads).
 */
public final class ChannelConversations {

    private static final int MAX_CONVERSATIONS_PER_USER = 100_000;

    private final TranscriptStore store;
    private final ChannelStore channels;
    private final ConversationTokens keys;
    private final Clock clock;

    public ChannelConversations(TranscriptStore store, ChannelStore channels, ConversationTokens keys, Clock clock) {
        this.store = store;
        this.channels = channels;
        this.keys = keys;
        this.clock = clock;
    }

    public ConversationId conversationFor(ChannelAddress address, MessageId messageId, String locale) {
        String base = address.channel() + "-" + keys.pseudonym(address.channel() + "\n" + address.address()) + "-";
        for (int n = 0; n < MAX_CONVERSATIONS_PER_USER; n++) {
            ConversationId id = ConversationId.of(base + n);
            // the store's copy may be a moment behind another instance, like any read before the message is
            // classified: recording it still goes by the log (a conversation closed meanwhile is refused there)
            List<StoredEvent> log = store.readForAppend(id);
            SessionState session = SessionState.replay(id, log);
            if (!session.exists()) {
                channels.remember(id, address); // before the first event, so the relay finds the address
                try {
                    store.append(
                            id,
                            0,
                            List.of(new TranscriptEvent.ConversationStarted(
                                    clock.instant(), address.channel(), locale)));
                } catch (ConcurrentAppendException raced) {
                    // another request started it: use it
                }
                return id;
            }
            if (session.state() != ConversationState.CLOSED || received(log, messageId)) {
                return id;
            }
        }
        throw new IllegalStateException("too many conversations for one " + address.channel() + " user");
    }

    /**
     * The user's latest conversation when a bare score from them is its rating: it is closed, nothing but its rating
     * followed the close, and it was closed within {@code window} (the rating prompt went out then). Empty otherwise.
     */
    public Optional<ConversationId> awaitingRating(ChannelAddress address, Duration window) {
        String base = address.channel() + "-" + keys.pseudonym(address.channel() + "\n" + address.address()) + "-";
        ConversationId latest = null;
        for (int n = 0; n < MAX_CONVERSATIONS_PER_USER; n++) {
            ConversationId id = ConversationId.of(base + n);
            if (store.session(id).exists()) {
                latest = id;
            } else {
                break;
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        List<StoredEvent> log = store.readForAppend(latest);
        if (SessionState.replay(latest, log).state() != ConversationState.CLOSED) {
            return Optional.empty();
        }
        for (int i = log.size() - 1; i >= 0; i--) {
            TranscriptEvent e = log.get(i).event();
            if (e instanceof TranscriptEvent.Resolved resolved) {
                return resolved.at().plus(window).isAfter(clock.instant()) ? Optional.of(latest) : Optional.empty();
            }
            if (!(e instanceof TranscriptEvent.ConversationRated)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean received(List<StoredEvent> log, MessageId messageId) {
        return log.stream()
                .anyMatch(e -> e.event() instanceof TranscriptEvent.MessageReceived m
                        && m.messageId().equals(messageId));
    }
}
