package dev.chatbot.insights;

import dev.chatbot.transcript.ConversationFacts;
import dev.chatbot.transcript.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Whether the bot handled a conversation on its own. The rules, in order:
 * <ol>
 *   <li><b>Not counted</b> when the customer never wrote (no {@code MessageReceived}): nothing to contain.</li>
 *   <li><b>Handed over</b> when the log has an {@code Escalated} or {@code Claimed} event, or was resolved by an
 *       agent, at any time up to now: an agent was needed, also when the customer came back later and then
 *       asked for a person.</li>
 *   <li><b>Contained</b> when it was resolved without an agent, or when its last event is at least the
 *       {@linkplain #reopenWindow() reopen window} old: the customer did not come back within the window, so
 *       the bot's answers settled it.</li>
 *   <li><b>Open</b> otherwise: the customer may still come back within the reopen window and need a person, so
 *       the conversation counts neither way yet.</li>
 * </ol>
 * The reopen window defaults to {@link #DEFAULT_REOPEN_WINDOW} (24 hours).
 */
public record Containment(Duration reopenWindow) {

    public static final Duration DEFAULT_REOPEN_WINDOW = Duration.ofHours(24);

    /** The outcome of one conversation. */
    public enum Outcome {
        NOT_COUNTED,
        HANDED_OVER,
        CONTAINED,
        OPEN
    }

    public Containment {
        Objects.requireNonNull(reopenWindow, "reopenWindow");
        if (reopenWindow.isNegative() || reopenWindow.isZero()) {
            throw new IllegalArgumentException("the reopen window must be positive: " + reopenWindow);
        }
    }

    public static Containment defaults() {
        return new Containment(DEFAULT_REOPEN_WINDOW);
    }

    /**
     * The last-activity time at or before which a conversation the bot alone handled counts as contained at
     * {@code now} (rule 3 for stores that count in their own query language).
     */
    public Instant quietCutoff(Instant now) {
        return now.minus(reopenWindow);
    }

    /** The outcome of a conversation's whole log (not empty) as seen at {@code now}. */
    public Outcome outcome(List<StoredEvent> log, Instant now) {
        return outcome(ConversationFacts.of(log.get(0).conversationId(), log), now);
    }

    /** The outcome of a conversation as its facts tell it, seen at {@code now}. */
    public Outcome outcome(ConversationFacts facts, Instant now) {
        if (facts.customerMessages() == 0) {
            return Outcome.NOT_COUNTED;
        }
        if (facts.handedOver()) {
            return Outcome.HANDED_OVER;
        }
        // resolved without an agent, or quiet for the whole window
        return facts.resolved() || !facts.lastAt().plus(reopenWindow).isAfter(now) ? Outcome.CONTAINED : Outcome.OPEN;
    }
}
