package dev.chatbot.web.console.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.Reply;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.web.testing.ConsoleSession;
import dev.chatbot.web.testing.WebTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** The ADMIN API of insights and unmet needs (the role checks are in ConsoleSecurityTest, over every route). */
class InsightsApiTest extends WebTestBase {

    private static final List<String> PLUMBING = List.of(
            "Can you recommend a good plumber for my kitchen sink?",
            "Could you recommend a plumber for my kitchen sink?",
            "Do you know a good plumber who can fix my kitchen sink?",
            "Can you suggest a good plumber for a blocked kitchen sink?");

    @Autowired
    ConversationService conversations;

    @Autowired
    Environment environment;

    private ConsoleSession admin() {
        return ConsoleSession.login(baseUrl(), ADMIN, ADMIN_PASSWORD);
    }

    private Optional<EscalationReason> ask(String text) {
        ConversationId id = conversations.start("web", "en");
        Reply reply = conversations.receive(id, MessageId.of("m-" + UUID.randomUUID()), text);
        return reply.escalation();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminSeesContainmentEscalationsIntentsFeedbackUnmetNeedsAndModelVersions() {
        ConversationId answered = conversations.start("web", "en");
        conversations.receive(answered, MessageId.of("m-" + UUID.randomUUID()), "What are your opening hours?");
        conversations.feedback(answered, true, "");
        ask(PLUMBING.get(0));

        ConsoleSession.Response response = admin().get("/api/v1/console/insights");

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> insights = response.json();
        assertThat(insights)
                .containsKeys(
                        "from",
                        "to",
                        "reopenWindowHours",
                        "containment",
                        "escalationsByReason",
                        "topIntents",
                        "feedback",
                        "unmetNeeds",
                        "models");
        assertThat(insights.get("reopenWindowHours")).isEqualTo(24.0);
        assertThat((Map<String, Object>) insights.get("containment"))
                .containsKeys("conversations", "contained", "handedOver", "open", "rate");
        assertThat(((Map<String, Integer>) insights.get("escalationsByReason")).keySet())
                .containsExactlyInAnyOrder(
                        "LOW_CONFIDENCE",
                        "AMBIGUOUS",
                        "USER_REQUEST",
                        "REPEATED_MISS",
                        "ALWAYS_HUMAN_INTENT",
                        "MEDIA",
                        "UNSUPPORTED_LANGUAGE");
        assertThat((Integer) ((Map<String, Object>) insights.get("escalationsByReason")).get("LOW_CONFIDENCE"))
                .isPositive();
        assertThat((List<Map<String, Object>>) insights.get("topIntents"))
                .extracting(i -> i.get("intent"))
                .contains("opening_hours");
        assertThat((Integer) ((Map<String, Object>) insights.get("feedback")).get("helpful"))
                .isPositive();
        assertThat((Integer) insights.get("unmetNeeds")).isPositive();
        List<Map<String, Object>> models = (List<Map<String, Object>>) insights.get("models");
        assertThat(models)
                .filteredOn(m -> Boolean.TRUE.equals(m.get("current")))
                .singleElement()
                .satisfies(m -> assertThat((Map<String, Object>) m.get("metrics"))
                        .containsKeys("accuracy", "answeredPrecision", "coverage"));
    }

    @Test
    void thePeriodIsChosenWithIsoDatesAndBadDatesAreRefusedWithAJsonError() {
        ConsoleSession admin = admin();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ConsoleSession.Response day = admin.get("/api/v1/console/insights?from=" + today + "&to=" + today);
        assertThat(day.status()).isEqualTo(200);
        assertThat(day.json())
                .containsEntry(
                        "from", today.atStartOfDay(ZoneOffset.UTC).toInstant().toString())
                .containsEntry(
                        "to",
                        today.plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()
                                .toString());
        for (String query :
                List.of("from=yesterday", "to=2026-13-01", "from=2026-11-30&to=2026-11-01", "from=2026-11-01T00:00")) {
            ConsoleSession.Response bad = admin.get("/api/v1/console/insights?" + query);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(bad.json())
                    .as(query)
                    .containsEntry("error", "bad_request")
                    .containsKey("message");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminTurnsAGroupOfUnmetNeedsIntoANewIntentFile() throws Exception {
        long escalated = PLUMBING.stream()
                .map(this::ask)
                .filter(r -> r.equals(Optional.of(EscalationReason.LOW_CONFIDENCE)))
                .count();
        assertThat(escalated).as("plumbing questions the bot cannot answer").isGreaterThanOrEqualTo(3);
        ConsoleSession admin = admin();

        Map<String, Object> unmet = admin.get("/api/v1/console/unmet-needs").json();
        Map<String, Object> plumbing = ((List<Map<String, Object>>) unmet.get("groups"))
                .stream()
                        .filter(g -> ((List<String>) g.get("messages")).stream().anyMatch(PLUMBING::contains))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no group of the plumbing questions in " + unmet));
        assertThat(plumbing).containsKeys("number", "size", "suggestedName", "representatives");
        assertThat((Integer) plumbing.get("size")).isGreaterThanOrEqualTo(3);
        String path = "/api/v1/console/unmet-needs/" + plumbing.get("number") + "/intent";
        String name = "plumber_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        String answer = "We sell kitchen things but do not repair them; a local plumber can help.";

        assertThat(admin.post(path, Map.of("name", "Bad Name!", "answer", answer))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post(path, Map.of("name", "../escape", "answer", answer))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post(path, Map.of("name", name, "answer", " ")).status())
                .isEqualTo(400);
        assertThat(admin.post(path, Map.of("name", name, "answer", answer, "examples", List.of(" ")))
                        .status())
                .isEqualTo(400);
        assertThat(admin.post(path, Map.of("name", "opening_hours", "answer", answer))
                        .status())
                .isEqualTo(409);
        assertThat(admin.post("/api/v1/console/unmet-needs/9999/intent", Map.of("name", name, "answer", answer))
                        .status())
                .isEqualTo(404);

        ConsoleSession.Response created = admin.post(path, Map.of("name", name, "answer", answer));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("intent", name).containsEntry("file", name + ".yml");
        Path file = Path.of(environment.getProperty("chatbot.learning.intents-dir"), name + ".yml");
        assertThat(Files.readString(file)).contains("intent: \"" + name + "\"", answer, "plumber");
        assertThat(admin.post(path, Map.of("name", name, "answer", answer)).status())
                .isEqualTo(409);
        assertThat(admin.get("/api/v1/console/unmet-needs").json().toString())
                .as("messages that became training examples are not unmet any more")
                .doesNotContain(PLUMBING.get(1));
    }
}
