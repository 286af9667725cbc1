package dev.chatbot.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.ConversationService;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.WebTestBase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Teams over the console API: ADMINs define them and put agents in them, every agent reads them; an escalation about
 * a billing intent waits for the billing team first; transfers and their refusals. The teams are removed afterwards
 * (the application context, and so the console store, is shared with the other tests).
 */
class TeamsApiTest extends WebTestBase {

    private static final String API = "/api/v1/console";
    private static final String PASSWORD = "password-of-a-team-agent";

    @Autowired
    ConversationService conversations;

    @Autowired
    TranscriptStore store;

    private final String suffix = UUID.randomUUID().toString().substring(0, 6);
    private final String bella = "bella-" + suffix;
    private final String otto = "otto-" + suffix;

    private ConsoleSession admin() {
        return ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
    }

    @AfterEach
    void removeTheTeams() {
        ConsoleSession admin = admin();
        admin.request("DELETE", API + "/teams/billing");
        admin.request("DELETE", API + "/teams/orders");
        admin.post(API + "/agents/" + bella + "/disable", null);
        admin.post(API + "/agents/" + otto + "/disable", null);
    }

    private void billingAndOrdersTeams(ConsoleSession admin) {
        assertThat(admin.post(API + "/teams", Map.of("name", "billing")).status())
                .isEqualTo(201);
        assertThat(admin.post(API + "/teams", Map.of("name", "orders")).status())
                .isEqualTo(201);
        for (String name : List.of(bella, otto)) {
            assertThat(admin.post(API + "/agents", Map.of("username", name, "password", PASSWORD, "role", "AGENT"))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(admin.put(
                                API + "/agents/" + bella + "/routing",
                                Map.of("teams", List.of("billing"), "languages", List.of("DE")))
                        .json())
                .containsEntry("teams", List.of("billing"))
                .containsEntry("languages", List.of("de"));
        assertThat(admin.put(
                                API + "/agents/" + otto + "/routing",
                                Map.of("teams", List.of("orders"), "languages", List.of()))
                        .status())
                .isEqualTo(200);
    }

    /** A billing question answered by the bot, then "talk to a person". */
    private ConversationId billingEscalation() {
        ConversationId id = conversations.start("web", "en");
        conversations.receive(id, MessageId.of("m-" + UUID.randomUUID()), "I was charged twice");
        conversations.requestHuman(id);
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> queue(ConsoleSession agent) {
        return (List<Map<String, Object>>) agent.get(API + "/queue").json().get("queue");
    }

    private static Map<String, Object> item(List<Map<String, Object>> queue, ConversationId id) {
        return queue.stream()
                .filter(i -> i.get("conversationId").equals(id.value()))
                .findFirst()
                .orElse(null);
    }

    @Test
    void onlyAdminsDefineTeamsAndEveryAgentReadsThem() {
        ConsoleSession admin = admin();
        billingAndOrdersTeams(admin);
        ConsoleSession agent = ConsoleSession.login(baseUrl(), otto, PASSWORD);
        assertThat(agent.post(API + "/teams", Map.of("name", "sneaky")).status())
                .isEqualTo(403);
        assertThat(agent.request("DELETE", API + "/teams/billing").status()).isEqualTo(403);
        assertThat(agent.put(API + "/agents/" + otto + "/routing", Map.of("teams", List.of("billing")))
                        .status())
                .isEqualTo(403);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> teams =
                (List<Map<String, Object>>) agent.get(API + "/teams").json().get("teams");
        assertThat(teams).extracting(t -> (Object) t.get("name")).contains("billing", "orders");

        assertThat(admin.post(API + "/teams", Map.of("name", "billing")).status())
                .isEqualTo(409);
        assertThat(admin.post(API + "/teams", Map.of("name", "two words")).status())
                .isEqualTo(400);
        assertThat(admin.put(API + "/agents/" + otto + "/routing", Map.of("teams", List.of("nosuchteam")))
                        .status())
                .isEqualTo(400);
        assertThat(admin.put(API + "/agents/" + otto + "/routing", Map.of("languages", List.of("german")))
                        .status())
                .isEqualTo(400);
        assertThat(admin.put(API + "/agents/nobody-here/routing", Map.of("teams", List.of()))
                        .status())
                .isEqualTo(404);
        assertThat(admin.request("DELETE", API + "/teams/nosuchteam").status()).isEqualTo(404);
    }

    @Test
    void aBillingEscalationWaitsForTheBillingTeamAndMovesWithATransferAndItsNote() {
        ConsoleSession admin = admin();
        billingAndOrdersTeams(admin);
        ConversationId id = billingEscalation();
        assertThat(store.session(id).team())
                .as("the team of the answered billing intent")
                .isEqualTo("billing");

        ConsoleSession billing = ConsoleSession.login(baseUrl(), bella, PASSWORD);
        ConsoleSession orders = ConsoleSession.login(baseUrl(), otto, PASSWORD);
        assertThat(item(queue(billing), id)).containsEntry("team", "billing").containsEntry("fit", "MINE");
        assertThat(queue(billing).get(0)).containsEntry("conversationId", id.value());
        assertThat(item(queue(orders), id))
                .as("routed to billing, not overdue: not in the orders queue")
                .isNull();
        assertThat(item(queue(admin), id)).as("admins see everything").containsEntry("fit", "ELSEWHERE");

        assertThat(billing.post(API + "/queue/claim-next", null).json()).containsEntry("conversationId", id.value());
        String path = API + "/conversations/" + id.value();
        assertThat(orders.post(path + "/transfer", Map.of("team", "orders", "note", "x"))
                        .status())
                .as("only the holder")
                .isEqualTo(409);
        assertThat(billing.post(path + "/transfer", Map.of("note", "to whom?")).status())
                .isEqualTo(400);
        assertThat(billing.post(path + "/transfer", Map.of("team", "nosuchteam"))
                        .status())
                .isEqualTo(400);
        assertThat(billing.post(path + "/transfer", Map.of("agent", "nobody-here"))
                        .status())
                .isEqualTo(400);
        assertThat(billing.post(path + "/transfer", Map.of("team", "orders", "note", "n".repeat(2001)))
                        .status())
                .isEqualTo(422);

        assertThat(billing.post(
                                path + "/transfer",
                                Map.of("agent", otto, "note", "Refund done; they also ask where " + "the parcel is"))
                        .json())
                .containsEntry("state", "QUEUED")
                .containsEntry("agent", otto);
        assertThat(item(queue(billing), id)).isNull();
        Map<String, Object> forOtto = item(queue(orders), id);
        assertThat(forOtto).containsEntry("routedAgent", otto).containsEntry("fit", "MINE");
        assertThat(forOtto.get("transferNote"))
                .isEqualTo(Map.of("from", bella, "note", "Refund done; they also ask where the parcel is"));
        assertThat(orders.post(API + "/queue/claim-next", null).json()).containsEntry("conversationId", id.value());

        List<StoredEvent> log = store.read(id, 0);
        assertThat(log)
                .extracting(e -> e.event().type())
                .containsSubsequence("BotAnswered", "Escalated", "Claimed", "Transferred", "Claimed");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events =
                (List<Map<String, Object>>) orders.get(path).json().get("events");
        assertThat(events)
                .filteredOn(e -> "Transferred".equals(e.get("type")))
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .containsEntry("toAgent", otto)
                        .containsEntry("text", "Refund done; they also ask where the parcel is"));
        assertThat(log)
                .map(StoredEvent::event)
                .filteredOn(TranscriptEvent.Transferred.class::isInstance)
                .hasSize(1);
    }
}
