package dev.chatbot.conversation;

import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.ClarificationOption;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.util.List;
import java.util.Optional;

/**
 * One message from the bot to the customer.
 *
 * @param intent the answered intent, or null for clarifications, escalations and notices
 * @param confidence the answered intent's probability, or null when {@code intent} is null
 */
public record BotReply(String text, IntentName intent, Double confidence, List<String> quickReplies) {

    public BotReply {
        quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
    }

    /** The reply an event represents, if it is something the bot said to the customer. */
    public static Optional<BotReply> of(StoredEvent stored) {
        TranscriptEvent e = stored.event();
        if (e instanceof TranscriptEvent.BotAnswered a) {
            return Optional.of(new BotReply(a.text(), a.intent(), a.confidence(), a.quickReplies()));
        }
        if (e instanceof TranscriptEvent.ClarificationOffered c) {
            return Optional.of(new BotReply(
                    c.text(),
                    null,
                    null,
                    c.options().stream().map(ClarificationOption::label).toList()));
        }
        if (e instanceof TranscriptEvent.Escalated x) {
            return Optional.of(new BotReply(x.text(), null, null, List.of()));
        }
        if (e instanceof TranscriptEvent.NoticeSent n) {
            return Optional.of(new BotReply(n.text(), null, null, List.of()));
        }
        return Optional.empty();
    }
}
