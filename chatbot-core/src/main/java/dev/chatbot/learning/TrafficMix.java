package dev.chatbot.learning;

import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.NotCoveredMark;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TrainingLabel;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the shop's traffic looks like, read from its transcripts: how many customer messages the bot escalated, and
 * how many of them were out of scope. Agents review escalated messages (a label or a "not covered" mark); the share
 * of marks among reviewed escalations, extended to the escalations nobody reviewed, plus the answered messages that
 * turned out not covered, gives the share of out-of-scope traffic. An answered message nobody complained about
 * counts as in scope: customers flag wrong answers, and agents review what they flag, so the answered messages that
 * were reviewed are mostly the wrong ones and their rate of marks would overstate the share.
 *
 * @param messages customer messages in the window
 * @param escalated those the bot escalated
 * @param reviewedEscalated escalated messages an agent labelled or marked
 * @param markedEscalated escalated messages marked not covered
 * @param reviewedAnswered messages the bot did not escalate that got evidence (helpful feedback, a label, a mark)
 * @param markedAnswered of those, the ones marked not covered
 * @param oosShare estimated share of out-of-scope traffic, or null when fewer than {@link #MIN_REVIEWED} messages
 *     were reviewed (then the configured share stands)
 * @param escalatedShare escalated over all messages, or null without messages
 */
public record TrafficMix(
        int messages,
        int escalated,
        int reviewedEscalated,
        int markedEscalated,
        int reviewedAnswered,
        int markedAnswered,
        Double oosShare,
        Double escalatedShare) {

    /** Fewest reviewed messages that make an estimate. */
    public static final int MIN_REVIEWED = 30;

    public static TrafficMix of(List<List<StoredEvent>> logs, Instant since) {
        int messages = 0;
        int escalated = 0;
        int reviewedEscalated = 0;
        int markedEscalated = 0;
        int reviewedAnswered = 0;
        int markedAnswered = 0;
        for (List<StoredEvent> log : logs) {
            Set<MessageId> inWindow = new HashSet<>();
            Set<MessageId> escalations = new HashSet<>();
            Set<MessageId> helpful = new HashSet<>();
            TranscriptEvent.BotAnswered lastAnswer = null;
            for (StoredEvent stored : log) {
                TranscriptEvent e = stored.event();
                if (e instanceof TranscriptEvent.MessageReceived m && (since == null || !m.at().isBefore(since))) {
                    inWindow.add(m.messageId());
                } else if (e instanceof TranscriptEvent.Escalated x && x.inReplyTo() != null) {
                    escalations.add(x.inReplyTo());
                } else if (e instanceof TranscriptEvent.BotAnswered a) {
                    lastAnswer = a;
                } else if (e instanceof TranscriptEvent.FeedbackGiven f
                        && f.helpful()
                        && lastAnswer != null
                        && lastAnswer.inReplyTo() != null) {
                    helpful.add(lastAnswer.inReplyTo());
                }
            }
            Set<MessageId> labelled = new HashSet<>();
            TrainingLabel.from(log).forEach(l -> labelled.add(l.messageId()));
            Set<MessageId> marked = new HashSet<>();
            NotCoveredMark.from(log).forEach(m -> marked.add(m.messageId()));
            for (MessageId id : inWindow) {
                messages++;
                boolean isMarked = marked.contains(id);
                boolean reviewed = isMarked || labelled.contains(id);
                if (escalations.contains(id)) {
                    escalated++;
                    reviewedEscalated += reviewed ? 1 : 0;
                    markedEscalated += isMarked ? 1 : 0;
                } else if (reviewed || helpful.contains(id)) {
                    reviewedAnswered++;
                    markedAnswered += isMarked ? 1 : 0;
                }
            }
        }
        Double oosShare = null;
        if (reviewedEscalated + reviewedAnswered >= MIN_REVIEWED && messages > 0) {
            double escalatedRate = reviewedEscalated == 0 ? 0 : markedEscalated / (double) reviewedEscalated;
            double outOfScope = markedEscalated + (escalated - reviewedEscalated) * escalatedRate + markedAnswered;
            oosShare = Math.min(0.9, Math.max(0.01, outOfScope / messages));
        }
        return new TrafficMix(
                messages,
                escalated,
                reviewedEscalated,
                markedEscalated,
                reviewedAnswered,
                markedAnswered,
                oosShare,
                messages == 0 ? null : escalated / (double) messages);
    }

    public String describe() {
        return String.format(
                Locale.ROOT,
                "%d customer messages, %d escalated (%d reviewed, %d of them not covered), "
                        + "%d answered with evidence (%d not covered): out-of-scope share %s",
                messages,
                escalated,
                reviewedEscalated,
                markedEscalated,
                reviewedAnswered,
                markedAnswered,
                oosShare == null ? "not estimated (too few reviewed)" : String.format(Locale.ROOT, "%.3f", oosShare));
    }
}
