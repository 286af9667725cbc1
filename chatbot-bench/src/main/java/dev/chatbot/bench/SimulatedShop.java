package dev.chatbot.bench;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.BotReply;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.ConversationSettings;
import dev.chatbot.conversation.EscalationPolicy;
import dev.chatbot.conversation.EscalationSettings;
import dev.chatbot.conversation.Reply;
import dev.chatbot.intent.Example;
import dev.chatbot.intent.IntentName;
import dev.chatbot.model.LoadedModel;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Labelled messages replayed as a shop's traffic through the real conversation service, one conversation each.
 * The simulated customer marks one right answer in {@code helpfulEvery} helpful, and answers a wrong one with "not
 * helpful" and a request for a person. The simulated agent takes every escalation and labels the message with its
 * true intent, or marks it "not covered by the FAQ" when its label is the out-of-scope label.
 */
final class SimulatedShop {

    static final AgentId AGENT = AgentId.of("simulated-agent");

    /** What the served model did with the replayed messages. */
    record Outcome(int messages, int answered, int answeredRight, int escalated, int marked) {}

    private SimulatedShop() {}

    static Outcome replay(
            TranscriptStore store, LoadedModel model, List<Example> batch, IntentName oosLabel, int helpfulEvery) {
        EscalationPolicy policy = new EscalationPolicy(EscalationSettings.defaults(), model.intents());
        ConversationService service = new ConversationService(
                model.classifier(),
                model.intents(),
                policy,
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                Clock.systemUTC());
        AgentDesk desk = new AgentDesk(store, Clock.systemUTC());
        int answered = 0;
        int right = 0;
        int escalated = 0;
        int marked = 0;
        int rightSoFar = 0;
        for (Example e : batch) {
            ConversationId id = service.start("web", "en");
            MessageId message = MessageId.random();
            Reply reply = service.receive(id, message, e.text());
            IntentName intent = reply.replies().stream()
                    .map(BotReply::intent)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            if (intent != null && reply.escalation().isEmpty()) {
                answered++;
                if (intent.equals(e.intent())) {
                    right++;
                    if (helpfulEvery > 0 && rightSoFar++ % helpfulEvery == 0) {
                        service.feedback(id, true, "");
                    }
                    continue;
                }
                service.feedback(id, false, "");
                service.requestHuman(id);
            } else if (reply.escalation().isEmpty()) {
                service.requestHuman(id); // a clarifying choice: the simulated customer asks for a person
            }
            escalated++;
            desk.claim(id, AGENT);
            if (e.intent().equals(oosLabel)) {
                desk.markNotCovered(id, AGENT, message);
                marked++;
            } else {
                desk.label(id, AGENT, message, e.intent());
            }
            desk.resolve(id, AGENT);
        }
        return new Outcome(batch.size(), answered, right, escalated, marked);
    }
}
