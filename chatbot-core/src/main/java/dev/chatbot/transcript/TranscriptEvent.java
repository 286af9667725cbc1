package dev.chatbot.transcript;

import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened in a conversation. Events are immutable facts; the schema (version
 * {@link #SCHEMA_VERSION}) is documented in {@code docs/events.md}. Free text in events is already
 * redacted when the event is created. Every event knows when it happened ({@link #at()}).
 */
public sealed interface TranscriptEvent {

    /** Version of the event schema written by this code; readers refuse versions they do not know. */
    int SCHEMA_VERSION = 1;

    Instant at();

    /** The event's type name as written to storage and the API, e.g. {@code MessageReceived}. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** The conversation was opened by a channel (web widget, webhook, ...). Always the first event. */
    record ConversationStarted(Instant at, String channel, String locale) implements TranscriptEvent {
        public ConversationStarted {
            Objects.requireNonNull(at, "at");
            channel = channel == null || channel.isBlank() ? "web" : channel.strip();
            locale = locale == null || locale.isBlank() ? "en" : locale.strip();
        }
    }

    /**
     * A customer message (redacted text) with the classifier's top guesses and the model version. {@code language}
     * is the detected language (ISO 639-1, for example {@code de}), or null when it was not detected (events written
     * before detection existed, messages too short to tell).
     */
    record MessageReceived(
            Instant at,
            MessageId messageId,
            String text,
            List<ScoredIntent> guesses,
            String modelVersion,
            String language)
            implements TranscriptEvent {
        public MessageReceived {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(text, "text");
            guesses = guesses == null ? List.of() : List.copyOf(guesses);
            language = language == null || language.isBlank() ? null : language.strip();
        }

        /** A message whose language was not detected. */
        public MessageReceived(
                Instant at, MessageId messageId, String text, List<ScoredIntent> guesses, String modelVersion) {
            this(at, messageId, text, guesses, modelVersion, null);
        }
    }

    /** The bot answered a message with an FAQ intent's answer. */
    record BotAnswered(
            Instant at,
            MessageId inReplyTo,
            IntentName intent,
            double confidence,
            String text,
            List<String> quickReplies)
            implements TranscriptEvent {
        public BotAnswered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(intent, "intent");
            Objects.requireNonNull(text, "text");
            quickReplies = quickReplies == null ? List.of() : List.copyOf(quickReplies);
        }
    }

    /** The bot was unsure between close intents and offered a choice. */
    record ClarificationOffered(Instant at, MessageId inReplyTo, String text, List<ClarificationOption> options)
            implements TranscriptEvent {
        public ClarificationOffered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
            options = List.copyOf(options);
            if (options.isEmpty()) {
                throw new IllegalArgumentException("a clarification needs options");
            }
        }
    }

    /**
     * The conversation joined the handoff queue; {@code text} is what the customer was told. {@code team} is the
     * team it is routed to (the team of the intent it was about), null when unrouted; {@code language} the language
     * the customer wrote in when it matters for routing (an unsupported language), else null.
     */
    record Escalated(
            Instant at,
            MessageId inReplyTo,
            EscalationReason reason,
            IntentName intent,
            String text,
            String team,
            String language)
            implements TranscriptEvent {
        public Escalated {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(text, "text");
            team = team == null || team.isBlank() ? null : team.strip();
            language = language == null || language.isBlank() ? null : language.strip();
        }

        /** An unrouted escalation. */
        public Escalated(Instant at, MessageId inReplyTo, EscalationReason reason, IntentName intent, String text) {
            this(at, inReplyTo, reason, intent, text, null, null);
        }
    }

    /** The bot told the customer something outside an answer, e.g. that they are still waiting. */
    record NoticeSent(Instant at, MessageId inReplyTo, String text) implements TranscriptEvent {
        public NoticeSent {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(text, "text");
        }
    }

    /** An agent took the conversation from the queue. */
    record Claimed(Instant at, AgentId agent) implements TranscriptEvent {
        public Claimed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
        }
    }

    /**
     * The agent holding the conversation passed it on: to a team, to one agent, or to an agent of a team
     * ({@code team} and {@code toAgent} may each be null, not both), with a note for whoever takes it next (redacted,
     * may be empty; never shown to the customer). The conversation waits in the queue again, routed to them.
     */
    record Transferred(Instant at, AgentId agent, String team, AgentId toAgent, String note)
            implements TranscriptEvent {
        public Transferred {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
            team = team == null || team.isBlank() ? null : team.strip();
            note = note == null ? "" : note;
            if (team == null && toAgent == null) {
                throw new IllegalArgumentException("a transfer needs a team or an agent");
            }
        }
    }

    /** The agent holding the conversation wrote to the customer (redacted text). */
    record AgentReplied(Instant at, AgentId agent, MessageId messageId, String text) implements TranscriptEvent {
        public AgentReplied {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(text, "text");
        }
    }

    /** An agent said which intent a customer message really had: a training label. */
    record Labelled(Instant at, AgentId agent, MessageId messageId, IntentName intent) implements TranscriptEvent {
        public Labelled {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(intent, "intent");
        }
    }

    /**
     * An agent marked a customer message as not covered by the FAQ: no intent answers it. Retraining learns these
     * near misses as messages to escalate, and they count towards the share of out-of-scope traffic; the unmet-needs
     * view groups them into candidate new intents. A later {@link Labelled} of the same message replaces the mark,
     * and a later mark replaces a label.
     */
    record MarkedNotCovered(Instant at, AgentId agent, MessageId messageId) implements TranscriptEvent {
        public MarkedNotCovered {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** The customer rated the help they got; {@code comment} is redacted and may be empty. */
    record FeedbackGiven(Instant at, boolean helpful, String comment) implements TranscriptEvent {
        public FeedbackGiven {
            Objects.requireNonNull(at, "at");
            comment = comment == null ? "" : comment;
        }
    }

    /**
     * The customer rated the closed conversation 1 (poor) to 5 (excellent); {@code comment} is redacted and may be
     * empty. {@code agent} (who resolved it; null when the bot closed it) and {@code intent} (what the conversation was
     * about: the intent of its last escalation, else of the bot's last answer; may be null) are copied from the log
     * when the rating is given, as is {@code team} (the team its last escalation or transfer was routed to; null when
     * none was), so reports count ratings per agent, per team and per intent from this event alone.
     */
    record ConversationRated(Instant at, int score, String comment, AgentId agent, IntentName intent, String team)
            implements TranscriptEvent {
        public ConversationRated {
            Objects.requireNonNull(at, "at");
            if (score < 1 || score > 5) {
                throw new IllegalArgumentException("a rating is 1 to 5: " + score);
            }
            comment = comment == null ? "" : comment;
            team = team == null || team.isBlank() ? null : team.strip();
        }

        /** A rating of a conversation no team was routed to. */
        public ConversationRated(Instant at, int score, String comment, AgentId agent, IntentName intent) {
            this(at, score, comment, agent, intent, null);
        }
    }

    /** The conversation was closed; {@code agent} is null when it was not closed by an agent. */
    record Resolved(Instant at, AgentId agent) implements TranscriptEvent {
        public Resolved {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The agent gave the conversation back to the bot. */
    record HandedBack(Instant at, AgentId agent) implements TranscriptEvent {
        public HandedBack {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(agent, "agent");
        }
    }
}
