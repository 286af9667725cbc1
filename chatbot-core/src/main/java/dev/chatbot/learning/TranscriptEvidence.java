package dev.chatbot.learning;

import dev.chatbot.intent.IntentName;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.NotCoveredMark;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TrainingLabel;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads evidence out of conversation logs. Only three things count as evidence: an agent's label on a customer
 * message, an agent's "not covered by the FAQ" mark (evidence for the out-of-scope label), and a bot answer the
 * customer then marked helpful (the last answer before the feedback, when no agent took part in between). The bot's
 * own guesses are never evidence. Texts are the stored, redacted
 * texts, redacted once more with the current rules in case they got stricter since.
 */
public final class TranscriptEvidence {

    private final Redactor redactor;
    private final IntentName notCovered;

    public TranscriptEvidence(Redactor redactor) {
        this(redactor, IntentName.of("out_of_scope"));
    }

    /** @param notCovered the label "not covered" marks become (the out-of-scope label of the training data) */
    public TranscriptEvidence(Redactor redactor, IntentName notCovered) {
        this.redactor = redactor;
        this.notCovered = java.util.Objects.requireNonNull(notCovered, "notCovered");
    }

    /** Every conversation log of a store, oldest conversation first. */
    public static List<List<StoredEvent>> logs(TranscriptStore store) {
        List<List<StoredEvent>> out = new ArrayList<>();
        for (ConversationId id : store.conversations()) {
            out.add(store.read(id, 0));
        }
        return out;
    }

    /** The evidence given at or after {@code since} ({@code null}: all), ordered by time. */
    public List<Evidence> collect(List<List<StoredEvent>> logs, Instant since) {
        List<Evidence> out = new ArrayList<>();
        for (List<StoredEvent> log : logs) {
            out.addAll(fromLog(log));
        }
        return out.stream()
                .filter(e -> since == null || !e.at().isBefore(since))
                .sorted(Comparator.comparing(Evidence::at)
                        .thenComparing(e -> e.messageId().value()))
                .toList();
    }

    List<Evidence> fromLog(List<StoredEvent> log) {
        List<Evidence> out = new ArrayList<>();
        Set<MessageId> labelled = new HashSet<>();
        for (TrainingLabel l : TrainingLabel.from(log)) {
            labelled.add(l.messageId());
            out.add(new Evidence(
                    l.conversationId(),
                    l.messageId(),
                    redactor.redact(l.text()),
                    l.intent(),
                    Evidence.Source.AGENT_LABEL,
                    l.at(),
                    l.language()));
        }
        for (NotCoveredMark m : NotCoveredMark.from(log)) {
            labelled.add(m.messageId());
            out.add(new Evidence(
                    m.conversationId(),
                    m.messageId(),
                    redactor.redact(m.text()),
                    notCovered,
                    Evidence.Source.NOT_COVERED,
                    m.at(),
                    m.language()));
        }
        Map<MessageId, TranscriptEvent.MessageReceived> messages = new HashMap<>();
        TranscriptEvent.BotAnswered lastAnswer = null;
        for (StoredEvent stored : log) {
            TranscriptEvent e = stored.event();
            if (e instanceof TranscriptEvent.MessageReceived m) {
                messages.put(m.messageId(), m);
            } else if (e instanceof TranscriptEvent.BotAnswered a) {
                lastAnswer = a;
            } else if (e instanceof TranscriptEvent.Claimed || e instanceof TranscriptEvent.AgentReplied) {
                lastAnswer = null; // feedback after this may be about the agent's help
            } else if (e instanceof TranscriptEvent.FeedbackGiven f) {
                if (f.helpful()
                        && lastAnswer != null
                        && lastAnswer.inReplyTo() != null
                        && messages.containsKey(lastAnswer.inReplyTo())
                        && !labelled.contains(lastAnswer.inReplyTo())) {
                    TranscriptEvent.MessageReceived message = messages.get(lastAnswer.inReplyTo());
                    out.add(new Evidence(
                            stored.conversationId(),
                            lastAnswer.inReplyTo(),
                            redactor.redact(message.text()),
                            lastAnswer.intent(),
                            Evidence.Source.HELPFUL_ANSWER,
                            f.at(),
                            message.language()));
                    labelled.add(lastAnswer.inReplyTo());
                }
                lastAnswer = null;
            }
        }
        return out;
    }
}
