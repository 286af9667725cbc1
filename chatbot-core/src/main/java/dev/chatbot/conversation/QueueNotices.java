package dev.chatbot.conversation;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Tells customers waiting in the handoff queue something once per wait (for example that nobody is online,
 * or that they may leave a message). "Once" holds across threads and server instances sharing one store:
 * the notice is appended conditionally, and a notice with the same text after the latest escalation is
 * never sent again. Thread-safe.
 */
public final class QueueNotices {

    private final Clock clock;
    private final Appender appender;

    public QueueNotices(TranscriptStore store, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.appender = new Appender(Objects.requireNonNull(store, "store"));
    }

    /**
     * Appends a {@code NoticeSent} with {@code text} if the conversation is still QUEUED and was not told
     * this text since it last joined the queue.
     *
     * @return true if this call sent the notice
     * @throws IllegalArgumentException if {@code text} is blank
     * @throws ConversationNotFoundException if the conversation was never started
     */
    public boolean tellOnce(ConversationId id, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a notice needs text");
        }
        return appender.update(
                id,
                (session, log) -> session.state() != ConversationState.QUEUED || toldSinceEscalation(log, text)
                        ? Appender.Step.done(false)
                        : new Appender.Step<>(
                                List.of(new TranscriptEvent.NoticeSent(clock.instant(), null, text)), stored -> true));
    }

    private static boolean toldSinceEscalation(List<StoredEvent> log, String text) {
        for (int i = log.size() - 1; i >= 0; i--) {
            TranscriptEvent e = log.get(i).event();
            if (e instanceof TranscriptEvent.Escalated) {
                return false;
            }
            if (e instanceof TranscriptEvent.NoticeSent n && n.text().equals(text)) {
                return true;
            }
        }
        return false;
    }
}
