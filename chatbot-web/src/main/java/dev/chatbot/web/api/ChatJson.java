package dev.chatbot.web.api;

import dev.chatbot.conversation.BotReply;
import dev.chatbot.conversation.Reply;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chat API's wire shapes (DESIGN.md §7): requests and answers as records, customer events as ordered maps. */
public final class ChatJson {

    private ChatJson() {}

    /** {@code text} (and {@code clientMessageId}), when given, are the customer's first message. */
    record StartRequest(String channel, String locale, String text, String clientMessageId) {
        static final StartRequest EMPTY = new StartRequest(null, null, null, null);
    }

    record MessageRequest(String text, String clientMessageId) {}

    record FeedbackRequest(Boolean helpful, String comment) {}

    /** The body of {@code POST /api/v1/conversations/{id}/rating}: 1 to 5, and an optional comment. */
    record RatingRequest(Integer score, String comment) {}

    /** The leave-a-message form: how to reach the customer (kept unredacted, for agents only) and the message. */
    record ContactRequest(String name, String email, String phone, String message, String clientMessageId) {}

    /** A started conversation: its id and the token every later call needs. */
    record Started(String conversationId, String token) {}

    /** A conversation started with the customer's first message, and the reply to it. */
    record StartedAndAnswered(
            String conversationId, String token, String state, List<Answer> replies, Escalation escalation) {}

    /** The reply to one customer message: the conversation's state, what the bot says, the escalation it caused. */
    public record MessageReply(String conversationId, String state, List<Answer> replies, Escalation escalation) {

        public static MessageReply of(Reply reply) {
            return new MessageReply(
                    reply.conversationId().value(),
                    reply.state().name(),
                    reply.replies().stream().map(Answer::of).toList(),
                    Escalation.of(reply));
        }
    }

    /** One thing the bot says: text, the answered intent and its confidence (null otherwise), quick replies. */
    public record Answer(String text, String intent, Double confidence, List<String> quickReplies) {

        static Answer of(BotReply reply) {
            return new Answer(
                    reply.text(),
                    reply.intent() == null ? null : reply.intent().value(),
                    reply.confidence(),
                    reply.quickReplies());
        }
    }

    /** Why the conversation went to a person. */
    public record Escalation(String reason) {

        static Escalation of(Reply reply) {
            return reply.escalation().map(r -> new Escalation(r.name())).orElse(null);
        }
    }

    /**
     * An event as the customer may see it: sequence, type, time, who spoke ({@code customer}, {@code bot},
     * {@code agent}, {@code system}) and what was said. The bot's internal guesses, model versions, agent ids
     * and training labels are left out; labels, "not covered" marks and transfers (with their internal notes) are not
     * shown at all (empty).
     */
    static Optional<Map<String, Object>> customerEvent(StoredEvent stored) {
        TranscriptEvent e = stored.event();
        if (e instanceof TranscriptEvent.Labelled
                || e instanceof TranscriptEvent.MarkedNotCovered
                || e instanceof TranscriptEvent.Transferred) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", stored.sequence());
        out.put("type", e.type());
        out.put("at", e.at().toString());
        if (e instanceof TranscriptEvent.MessageReceived m) {
            out.put("from", "customer");
            out.put("messageId", m.messageId().value());
            out.put("text", m.text());
        } else if (e instanceof TranscriptEvent.AgentReplied a) {
            out.put("from", "agent");
            out.put("text", a.text());
        } else if (e instanceof TranscriptEvent.Escalated x) {
            out.put("from", "bot");
            out.put("text", x.text());
            out.put("reason", x.reason().name());
        } else if (e instanceof TranscriptEvent.FeedbackGiven f) {
            out.put("from", "customer");
            out.put("helpful", f.helpful());
        } else if (e instanceof TranscriptEvent.ConversationRated r) {
            out.put("from", "customer");
            out.put("score", r.score());
        } else {
            Optional<BotReply> bot = BotReply.of(stored);
            if (bot.isPresent()) {
                Answer answer = Answer.of(bot.get());
                out.put("from", "bot");
                out.put("text", answer.text());
                out.put("intent", answer.intent());
                out.put("confidence", answer.confidence());
                out.put("quickReplies", answer.quickReplies());
                if (e instanceof TranscriptEvent.NoticeSent n && n.inReplyTo() == null) {
                    // told to a waiting customer (nobody online, the offer to leave a message): the widget offers
                    // its leave-a-message form under it
                    out.put("offersContactForm", true);
                }
            } else {
                out.put("from", "system");
            }
        }
        return Optional.of(out);
    }

    static List<Map<String, Object>> customerEvents(List<StoredEvent> events) {
        return events.stream()
                .map(ChatJson::customerEvent)
                .flatMap(Optional::stream)
                .toList();
    }
}
