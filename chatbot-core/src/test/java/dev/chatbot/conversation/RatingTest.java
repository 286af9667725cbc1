package dev.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.IntentName;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A customer rates a closed conversation once; the rating names who resolved it and what it was about. */
class RatingTest {

    @TempDir
    Path dir;

    private SqliteTranscriptStore store;
    private ConversationService service;
    private AgentDesk desk;

    @BeforeEach
    void setUp() {
        store = SqliteTranscriptStore.open(new SqliteSettings(dir, false));
        FakeIntentClassifier classifier = new FakeIntentClassifier(0.5)
                .when("talk to a person", "human_request", 0.95, "greeting", 0.01)
                .when("where is my order", "order_status", 0.92, "shipping_cost", 0.03);
        service = new ConversationService(
                classifier,
                TestFaq.definitions(),
                new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions()),
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                Clock.systemUTC());
        desk = new AgentDesk(store, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private TranscriptEvent.ConversationRated rating(ConversationId id) {
        List<TranscriptEvent> events =
                store.read(id, 0).stream().map(e -> e.event()).toList();
        return (TranscriptEvent.ConversationRated) events.get(events.size() - 1);
    }

    @Test
    void aRatingAfterAnAgentResolvedNamesTheAgentAndTheIntent() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "where is my order");
        service.receive(id, MessageId.of("m2"), "talk to a person");
        desk.claim(id, AgentId.of("sam"));
        desk.resolve(id, AgentId.of("sam"));

        service.rate(id, 4, "quick, thanks! call me on +49 151 12345678");

        TranscriptEvent.ConversationRated r = rating(id);
        assertThat(r.score()).isEqualTo(4);
        assertThat(r.agent()).isEqualTo(AgentId.of("sam"));
        assertThat(r.intent())
                .as("the escalation's intent wins over the answer before it")
                .isEqualTo(IntentName.of("human_request"));
        assertThat(r.comment()).startsWith("quick, thanks!").doesNotContain("12345678");
    }

    @Test
    void aRatingNamesTheTeamTheConversationWasLastRoutedTo() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "where is my order");
        store.append(
                id,
                store.session(id).lastSequence(),
                List.of(new TranscriptEvent.Escalated(
                        java.time.Instant.now(),
                        MessageId.of("m1"),
                        dev.chatbot.transcript.EscalationReason.USER_REQUEST,
                        IntentName.of("order_status"),
                        "passing you on",
                        "orders",
                        null)));
        desk.claim(id, AgentId.of("sam"));
        desk.resolve(id, AgentId.of("sam"));

        service.rate(id, 2, "");

        assertThat(rating(id).team()).isEqualTo("orders");
        assertThat(rating(id).agent()).isEqualTo(AgentId.of("sam"));
    }

    @Test
    void aConversationTheBotClosedIsRatedForTheBot() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "where is my order");
        store.append(
                id,
                store.session(id).lastSequence(),
                List.of(new TranscriptEvent.Resolved(java.time.Instant.now(), null)));
        service.rate(id, 5, "");
        assertThat(rating(id).agent()).isNull();
        assertThat(rating(id).team()).isNull();
        assertThat(rating(id).intent()).isEqualTo(IntentName.of("order_status"));
    }

    @Test
    void onlyAClosedConversationIsRatedAndOnlyOnce() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "where is my order");
        assertThatThrownBy(() -> service.rate(id, 5, ""))
                .isInstanceOf(RatingRefusedException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> service.rate(id, 0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.rate(id, 6, "")).isInstanceOf(IllegalArgumentException.class);
        desk.resolve(id, AgentId.of("sam"));
        service.rate(id, 2, "");
        long before = store.session(id).lastSequence();
        assertThatThrownBy(() -> service.rate(id, 5, ""))
                .isInstanceOf(RatingRefusedException.class)
                .hasMessageContaining("already");
        assertThat(store.session(id).lastSequence()).isEqualTo(before);
        assertThatThrownBy(() -> service.rate(ConversationId.random(), 5, ""))
                .isInstanceOf(ConversationNotFoundException.class);
    }
}
