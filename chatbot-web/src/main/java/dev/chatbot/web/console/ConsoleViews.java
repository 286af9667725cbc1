package dev.chatbot.web.console;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ContactDetails;
import dev.chatbot.channel.DeadLetter;
import dev.chatbot.channel.MediaReference;
import dev.chatbot.conversation.BotReply;
import dev.chatbot.conversation.Routing;
import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.web.console.agent.Agent;
import dev.chatbot.web.console.agent.Team;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console API's wire shapes: the queue, a transcript for agents (with the bot's guesses, agents and
 * labels, which the customer never sees), agents and FAQ entries. Responses are ordered maps.
 *
 * <p>Over 250 lines: one method per wire shape, kept together so that the shapes stay alike.
 */
final class ConsoleViews {

    private ConsoleViews() {}

    record ReplyRequest(String text) {}

    record LabelRequest(String messageId, String intent) {}

    record NotCoveredRequest(String messageId) {}

    record PresenceRequest(String status) {}

    /** {@code mustChangePassword}: the agent chooses their own password at the first login (default false). */
    record NewAgentRequest(String username, String password, String role, Boolean mustChangePassword) {}

    record PasswordChangeRequest(String currentPassword, String newPassword) {}

    record PasswordResetRequest(String password) {}

    record NewTeamRequest(String name) {}

    record RoutingRequest(List<String> teams, List<String> languages) {}

    /** {@code team} and/or {@code agent} (at least one); {@code note} for whoever takes it next. */
    record TransferRequest(String team, String agent, String note) {}

    /**
     * One queued conversation as an agent sees it: waiting time, reason, where it is routed ({@code team},
     * {@code routedAgent}, {@code language}) and how that fits the agent ({@code fit}: MINE, OPEN, ELSEWHERE;
     * {@code overdue}: routed but waiting past the limit, so open to everyone), the last transfer's note, channel,
     * the last customer message and its top guesses.
     */
    static Map<String, Object> queueItem(Routing.Placed placed, List<StoredEvent> log, Instant now) {
        QueueEntry entry = placed.routed().entry();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", entry.conversationId().value());
        out.put("waitingSince", entry.waitingSince().toString());
        out.put(
                "waitingSeconds",
                Math.max(0, Duration.between(entry.waitingSince(), now).toSeconds()));
        out.put("reason", entry.reason().name());
        out.put("team", placed.routed().team());
        out.put(
                "routedAgent",
                placed.routed().agent() == null ? null : placed.routed().agent().value());
        out.put("language", placed.routed().language());
        out.put("fit", placed.fit().name());
        out.put("overdue", placed.overdue());
        TranscriptEvent.Transferred transfer = null;
        for (StoredEvent e : log) {
            if (e.event() instanceof TranscriptEvent.Transferred t) {
                transfer = t;
            }
        }
        out.put(
                "transferNote",
                transfer == null ? null : Map.of("from", transfer.agent().value(), "note", transfer.note()));
        out.put(
                "channel",
                log.isEmpty() || !(log.get(0).event() instanceof TranscriptEvent.ConversationStarted s)
                        ? "web"
                        : s.channel());
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
        out.put(
                "lastMessage",
                last == null
                        ? null
                        : Map.of(
                                "messageId",
                                last.messageId().value(),
                                "text",
                                last.text(),
                                "at",
                                last.at().toString()));
        out.put("guesses", guessed == null ? List.of() : guesses(guessed.guesses()));
        return out;
    }

    /** A page of the queue: {@code items} from {@code offset} of {@code total} waiting conversations. */
    static Map<String, Object> queue(
            List<Map<String, Object>> items, int total, int offset, List<AgentId> online, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("now", now.toString());
        out.put("agentsOnline", online.stream().map(AgentId::value).toList());
        out.put("total", total);
        out.put("offset", offset);
        out.put("queue", items);
        return out;
    }

    /**
     * The conversation as the console shows it; {@code contact} is where a messaging channel's customer is reached
     * (the phone number or chat id, never in the transcript; null for the web widget), {@code undelivered} lists the messages the customer's platform
     * refused for good (the event's {@code seq}, the platform's {@code reason}, when); {@code media} what customers
     * sent that is not text, by the {@code messageId} of its message, with the {@code url} that fetches it from the
     * platform (a location has its coordinates instead); {@code contactDetails} how the customer asked to be reached
     * in the leave-a-message form, as given (null when none was left).
     */
    static Map<String, Object> conversation(
            ConversationId id,
            SessionState session,
            List<StoredEvent> log,
            Optional<ChannelAddress> contact,
            List<DeadLetter> undelivered,
            List<MediaReference> media,
            Optional<ContactDetails> contactDetails) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", id.value());
        out.put("state", session.state().name());
        out.put("agent", session.agent() == null ? null : session.agent().value());
        out.put(
                "escalationReason",
                session.escalationReason() == null
                        ? null
                        : session.escalationReason().name());
        out.put("team", session.team());
        out.put(
                "routedAgent",
                session.routedAgent() == null ? null : session.routedAgent().value());
        out.put("lastSeq", session.lastSequence());
        out.put(
                "contact",
                contact.map(a -> Map.of("channel", a.channel(), "address", a.address()))
                        .orElse(null));
        out.put(
                "contactDetails",
                contactDetails
                        .map(c -> Map.of(
                                "name",
                                c.name(),
                                "email",
                                c.email(),
                                "phone",
                                c.phone(),
                                "leftAt",
                                c.leftAt().toString()))
                        .orElse(null));
        out.put("events", log.stream().map(ConsoleViews::event).toList());
        out.put(
                "undelivered",
                undelivered.stream()
                        .map(d -> Map.of(
                                "seq",
                                d.delivery().sequence(),
                                "reason",
                                d.reason(),
                                "at",
                                d.failedAt().toString()))
                        .toList());
        out.put(
                "media",
                media.stream()
                        .map(m -> m.kind().equals("location")
                                ? Map.of("messageId", m.messageId(), "kind", m.kind(), "location", m.reference())
                                : Map.of(
                                        "messageId",
                                        m.messageId(),
                                        "kind",
                                        m.kind(),
                                        "mimeType",
                                        m.mimeType(),
                                        "url",
                                        "/api/v1/console/conversations/" + id.value() + "/media/" + m.messageId()))
                        .toList());
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
            out.put("language", m.language());
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
        } else if (e instanceof TranscriptEvent.Transferred t) {
            out.put("from", "agent");
            out.put("agent", t.agent().value());
            out.put("team", t.team());
            out.put("toAgent", t.toAgent() == null ? null : t.toAgent().value());
            out.put("text", t.note());
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
            out.put("team", x.team());
            out.put("language", x.language());
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
        return guesses.stream()
                .limit(3)
                .map(g -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("intent", g.intent().value());
                    out.put("confidence", g.score());
                    return out;
                })
                .toList();
    }

    static Map<String, Object> faq(IntentDefinition d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("intent", d.name().value());
        out.put("category", d.category());
        out.put("team", d.team().isEmpty() ? null : d.team());
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
        out.put("teams", List.copyOf(a.teams()));
        out.put("languages", List.copyOf(a.languages()));
        return out;
    }

    static Map<String, Object> team(Team t, List<String> members) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("createdAt", t.createdAt().toString());
        out.put("members", members);
        return out;
    }

    /** An agent as routing sees them: their teams and languages. */
    static Map<String, Object> routing(Agent a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", a.id().value());
        out.put("teams", List.copyOf(a.teams()));
        out.put("languages", List.copyOf(a.languages()));
        return out;
    }
}
