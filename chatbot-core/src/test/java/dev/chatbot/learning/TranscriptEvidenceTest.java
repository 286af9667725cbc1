package dev.chatbot.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.ConversationSettings;
import dev.chatbot.conversation.EscalationPolicy;
import dev.chatbot.conversation.EscalationSettings;
import dev.chatbot.intent.IntentName;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class TranscriptEvidenceTest {

    private static final AgentId ALICE = AgentId.of("alice");

    @TempDir
    Path dir;

    private SqliteTranscriptStore store;
    private ConversationService service;
    private AgentDesk desk;
    private final TranscriptEvidence evidence = new TranscriptEvidence(Redactor.defaults());

    @BeforeEach
    void setUp() {
        store = SqliteTranscriptStore.open(new SqliteSettings(dir, false));
        FakeIntentClassifier classifier = new FakeIntentClassifier(0.5)
                .when("where is my parcel", "order_status", 0.9, "shipping_cost", 0.05)
                .when("how much is shipping", "shipping_cost", 0.9, "order_status", 0.05)
                .when("can I send it back", "return_policy", 0.9, "order_status", 0.05);
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

    @Test
    void agentLabelsAreEvidenceWithTheRedactedText() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "my card 4111 1111 1111 1111 was charged twice, mail me at a@b.com");
        desk.claim(id, ALICE);
        desk.label(id, ALICE, MessageId.of("m1"), IntentName.of("order_status"));

        List<Evidence> found = evidence.collect(TranscriptEvidence.logs(store), null);

        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(Evidence.Source.AGENT_LABEL);
            assertThat(e.intent()).isEqualTo(IntentName.of("order_status"));
            assertThat(e.text()).doesNotContain("4111").doesNotContain("a@b.com");
        });
    }

    @Test
    void aNotCoveredMarkIsEvidenceForTheOutOfScopeLabelAndTheLaterOfMarkAndLabelWins() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "do you repair sofas");
        service.receive(id, MessageId.of("m2"), "where is my parcel");
        desk.markNotCovered(id, ALICE, MessageId.of("m1"));
        desk.label(id, ALICE, MessageId.of("m2"), IntentName.of("order_status"));
        desk.markNotCovered(id, ALICE, MessageId.of("m2"));
        desk.label(id, ALICE, MessageId.of("m1"), IntentName.of("return_policy"));
        desk.markNotCovered(id, ALICE, MessageId.of("m1"));

        List<Evidence> found = evidence.collect(TranscriptEvidence.logs(store), null);

        assertThat(found).hasSize(2).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(Evidence.Source.NOT_COVERED);
            assertThat(e.intent()).isEqualTo(IntentName.of("out_of_scope"));
        });
        assertThat(found)
                .extracting(Evidence::text)
                .containsExactlyInAnyOrder("do you repair sofas", "where is my parcel");
        assertThat(found.get(0).toExample().source()).startsWith("transcript:");
    }

    @Test
    void evidenceCarriesTheLanguageTheMessageWasDetectedIn() {
        ConversationId id = ConversationId.of("c-de");
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        List<TranscriptEvent> events = List.of(
                new TranscriptEvent.MessageReceived(t, MessageId.of("m1"), "wo ist mein paket", List.of(), "v1", "de"),
                new TranscriptEvent.MessageReceived(
                        t, MessageId.of("m2"), "habt ihr parkplätze", List.of(), "v1", "de"),
                new TranscriptEvent.MessageReceived(t, MessageId.of("m3"), "how much is shipping", List.of(), "v1"),
                new TranscriptEvent.BotAnswered(
                        t, MessageId.of("m3"), IntentName.of("shipping_cost"), 0.9, "It is free.", List.of()),
                new TranscriptEvent.FeedbackGiven(t.plusSeconds(1), true, ""),
                new TranscriptEvent.Labelled(
                        t.plusSeconds(2), ALICE, MessageId.of("m1"), IntentName.of("order_status")),
                new TranscriptEvent.MarkedNotCovered(t.plusSeconds(3), ALICE, MessageId.of("m2")));
        List<StoredEvent> log = new ArrayList<>();
        for (TranscriptEvent e : events) {
            log.add(new StoredEvent(id, log.size() + 1, e));
        }

        List<Evidence> found = evidence.collect(List.of(log), null);

        assertThat(found)
                .extracting(Evidence::text, Evidence::source, Evidence::language)
                .containsExactly(
                        tuple("how much is shipping", Evidence.Source.HELPFUL_ANSWER, null),
                        tuple("wo ist mein paket", Evidence.Source.AGENT_LABEL, "de"),
                        tuple("habt ihr parkplätze", Evidence.Source.NOT_COVERED, "de"));
    }

    @Test
    void aMarkOnAMessageThatIsNotInTheConversationIsRefused() {
        ConversationId id = service.start("web", "en");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> desk.markNotCovered(id, ALICE, MessageId.of("nope")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHelpfulAnswerIsEvidenceButAnUnconfirmedOrUnhelpfulOneIsNot() {
        ConversationId helped = service.start("web", "en");
        service.receive(helped, MessageId.of("m1"), "where is my parcel");
        service.feedback(helped, true, "thanks");
        ConversationId unconfirmed = service.start("web", "en");
        service.receive(unconfirmed, MessageId.of("m1"), "how much is shipping");
        ConversationId unhelpful = service.start("web", "en");
        service.receive(unhelpful, MessageId.of("m1"), "can I send it back");
        service.feedback(unhelpful, false, "no");

        List<Evidence> found = evidence.collect(TranscriptEvidence.logs(store), null);

        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(Evidence.Source.HELPFUL_ANSWER);
            assertThat(e.text()).isEqualTo("where is my parcel");
            assertThat(e.intent()).isEqualTo(IntentName.of("order_status"));
        });
    }

    @Test
    void anAgentLabelOverridesTheAnswerTheCustomerFoundHelpful() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "where is my parcel");
        desk.label(id, ALICE, MessageId.of("m1"), IntentName.of("shipping_cost"));
        service.feedback(id, true, "");

        assertThat(evidence.collect(TranscriptEvidence.logs(store), null))
                .singleElement()
                .satisfies(e -> assertThat(e.intent()).isEqualTo(IntentName.of("shipping_cost")));
    }

    @Test
    void evidenceBeforeSinceIsLeftOut() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "where is my parcel");
        service.feedback(id, true, "");

        assertThat(evidence.collect(
                        TranscriptEvidence.logs(store), Instant.now().plusSeconds(60)))
                .isEmpty();
        assertThat(evidence.collect(
                        TranscriptEvidence.logs(store), Instant.now().minusSeconds(60)))
                .hasSize(1);
    }

    @Test
    void theEmbeddedStoreCanBeReadBesideTheServerHoldingIt() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "where is my parcel");
        service.feedback(id, true, "");

        try (SqliteTranscriptStore beside = SqliteTranscriptStore.open(new SqliteSettings(dir, false))) {
            assertThat(evidence.collect(TranscriptEvidence.logs(beside), null)).hasSize(1);
        }
    }
}
