package dev.chatbot.web.console;

import dev.chatbot.conversation.BotReply;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.web.console.agent.Agent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console API's wire shapes: the queue, a transcript for agents (with the bot's guesses, agents and
 * labels, which the customer never sees), agents and FAQ entries. Responses are ordered maps.
 */
final class ConsoleViews {

    private ConsoleViews() {
    }

    record ReplyRequest(String text) {
    }

    record LabelRequest(String messageId, String intent) {
    }

    record NotCoveredRequest(String messageId) {
    }

    record PresenceRequest(String status) {
    }

    /** {@code mustChangePassword}: the agent chooses their own password at the first login (default false). */
    record NewAgentRequest(String username, String password, String role, Boolean mustChangePassword) {
    }

    record PasswordChangeRequest(String currentPassword, String newPassword) {
    }

    record PasswordResetRequest(String password) {
    }

    /** One queued conversation: waiting time, reason, channel, the last customer message and its top guesses. */
    static Map<String, Object> queueItem(QueueEntry entry, List<StoredEvent> log, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", entry.conversationId().value());
        out.put("waitingSince", entry.waitingSince().toString());
        out.put("waitingSeconds", Math.max(0, Duration.between(entry.waitingSince(), now).toSeconds()));
        out.put("reason", entry.reason().name());
        out.put("channel", log.isEmpty() || !(log.get(0).event() instanceof TranscriptEvent.ConversationStarted s)
                ? "web" : s.channel());
        TranscriptEvent.MessageReceived last = null;
        TranscriptEvent.MessageReceived guessed = null;
        for (StoredEvent e : log) {
            if (e.event() instanceof TranscriptEvent.MessageReceived m) {
                last = m;
                if (!m.guesses().isEmpty()) {
                    guessed = m;
                }
            }
        }
        out.put("lastMessage", last == null ? null : Map.of("messageId", last.messageId().value(), "text", last.text(),
                "at", last.at().toString()));
        out.put("guesses", guessed == null ? List.of() : guesses(guessed.guesses()));
        return out;
    }

    static Map<String, Object> queue(List<Map<String, Object>> items, List<AgentId> online, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", now.toString());
        out.put("agentsOnline", online.stream().map(AgentId::value).toList());
        out.put("queue", items);
        return out;
    }

    static Map<String, Object> conversation(ConversationId id, SessionState session, List<StoredEvent> log) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", id.value());
        out.put("state", session.state().name());
        out.put("agent", session.agent() == null ? null : session.agent().value());
        out.put("escalationReason", session.escalationReason() == null ? null : session.escalationReason().name());
        out.put("lastSeq", session.lastSequence());
        out.put("events", log.stream().map(ConsoleViews::event).toList());
        return out;
    }

    /** An event with everything an agent may see. */
    static Map<String, Object> event(StoredEvent stored) {
        TranscriptEvent e = stored.event();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", stored.sequence());
        out.put("type", e.type());
        out.put("at", e.at().toString());
        if (e instanceof TranscriptEvent.ConversationStarted s) {
            out.put("from", "system");
            out.put("channel", s.channel());
            out.put("locale", s.locale());
        } else if (e instanceof TranscriptEvent.MessageReceived m) {
            out.put("from", "customer");
            out.put("messageId", m.messageId().value());
            out.put("text", m.text());
            out.put("guesses", guesses(m.guesses()));
            out.put("modelVersion", m.modelVersion());
        } else if (e instanceof TranscriptEvent.AgentReplied a) {
            out.put("from", "agent");
            out.put("agent", a.agent().value());
            out.put("text", a.text());
        } else if (e instanceof TranscriptEvent.Claimed c) {
            out.put("from", "agent");
            out.put("agent", c.agent().value());
        } else if (e instanceof TranscriptEvent.Labelled l) {
            out.put("from", "agent");
            out.put("agent", l.agent().value());
            out.put("messageId", l.messageId().value());
            out.put("intent", l.intent().value());
        } else if (e instanceof TranscriptEvent.MarkedNotCovered n) {
            out.put("from", "agent");
            out.put("agent", n.agent().value());
            out.put("messageId", n.messageId().value());
        } else if (e instanceof TranscriptEvent.HandedBack h) {
            out.put("from", "agent");
            out.put("agent", h.agent().value());
        } else if (e instanceof TranscriptEvent.Resolved r) {
            out.put("from", r.agent() == null ? "system" : "agent");
            out.put("agent", r.agent() == null ? null : r.agent().value());
        } else if (e instanceof TranscriptEvent.FeedbackGiven f) {
            out.put("from", "customer");
            out.put("helpful", f.helpful());
            out.put("text", f.comment());
        } else if (e instanceof TranscriptEvent.ConversationRated r) {
            out.put("from", "customer");
            out.put("score", r.score());
            out.put("text", r.comment());
            out.put("agent", r.agent() == null ? null : r.agent().value());
            out.put("intent", r.intent() == null ? null : r.intent().value());
        } else if (e instanceof TranscriptEvent.Escalated x) {
            out.put("from", "bot");
            out.put("text", x.text());
            out.put("reason", x.reason().name());
            out.put("intent", x.intent() == null ? null : x.intent().value());
        } else {
            BotReply.of(stored).ifPresent(r -> {
                out.put("from", "bot");
                out.put("text", r.text());
                out.put("intent", r.intent() == null ? null : r.intent().value());
                out.put("confidence", r.confidence());
            });
        }
        return out;
    }

    static List<Map<String, Object>> guesses(List<ScoredIntent> guesses) {
        return guesses.stream().limit(3).map(g -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("intent", g.intent().value());
            out.put("confidence", g.score());
            return out;
        }).toList();
    }

    static Map<String, Object> faq(IntentDefinition d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intent", d.name().value());
        out.put("category", d.category());
        out.put("answer", d.answer());
        return out;
    }

    static Map<String, Object> agent(Agent a, boolean online) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", a.id().value());
        out.put("role", a.role().name());
        out.put("enabled", a.enabled());
        out.put("mustChangePassword", a.mustChangePassword());
        out.put("online", online);
        out.put("createdAt", a.createdAt().toString());
        return out;
    }
}
