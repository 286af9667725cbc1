package dev.chatbot.web.api;

import dev.chatbot.conversation.BotReply;
import dev.chatbot.conversation.Reply;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chat API's wire shapes (DESIGN.md §7): requests as records, responses as ordered maps. */
public final class ChatJson {

    private ChatJson() {
    }

    /** {@code text} (and {@code clientMessageId}), when given, are the customer's first message. */
    record StartRequest(String channel, String locale, String text, String clientMessageId) {
    }

    record MessageRequest(String text, String clientMessageId) {
    }

    record FeedbackRequest(Boolean helpful, String comment) {
    }

    public static Map<String, Object> reply(Reply reply) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", reply.conversationId().value());
        out.put("state", reply.state().name());
        out.put("replies", reply.replies().stream().map(ChatJson::botReply).toList());
        out.put("escalation", reply.escalation().map(r -> Map.of("reason", r.name())).orElse(null));
        return out;
    }

    static Map<String, Object> botReply(BotReply r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", r.text());
        out.put("intent", r.intent() == null ? null : r.intent().value());
        out.put("confidence", r.confidence());
        out.put("quickReplies", r.quickReplies());
        return out;
    }

    /**
     * An event as the customer may see it: sequence, type, time, who spoke ({@code customer}, {@code bot},
     * {@code agent}, {@code system}) and what was said. The bot's internal guesses, model versions, agent ids
     * and training labels are left out; labels and "not covered" marks are not shown at all (empty).
     */
    static Optional<Map<String, Object>> customerEvent(StoredEvent stored) {
        TranscriptEvent e = stored.event();
        if (e instanceof TranscriptEvent.Labelled || e instanceof TranscriptEvent.MarkedNotCovered) {
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
        } else {
            Optional<BotReply> bot = BotReply.of(stored);
            if (bot.isPresent()) {
                out.put("from", "bot");
                out.putAll(botReply(bot.get()));
            } else {
                out.put("from", "system");
            }
        }
        return Optional.of(out);
    }

    static List<Map<String, Object>> customerEvents(List<StoredEvent> events) {
        return events.stream().map(ChatJson::customerEvent).flatMap(Optional::stream).toList();
    }
}
