package dev.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.data.IntentDefinition;
import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.LanguageDetector;
import dev.chatbot.model.FaqModel;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Escalations carry their intent's team; each agent's queue and "claim next" prefer their own; transfers. */
class RoutingTest {

    private static final AgentId BELLA = AgentId.of("bella"); // billing
    private static final AgentId OTTO = AgentId.of("otto"); // orders
    private static final AgentId NINA = AgentId.of("nina"); // no team
    private static final Routing.AgentProfile BILLING_AGENT =
            new Routing.AgentProfile(BELLA, Set.of("billing"), Set.of());
    private static final Routing.AgentProfile ORDERS_AGENT = new Routing.AgentProfile(OTTO, Set.of("orders"), Set.of());
    private static final Routing.AgentProfile NO_TEAM = Routing.AgentProfile.of(NINA);
    private static final Routing.Roster ROSTER = new Routing.Roster(Set.of("billing", "orders"), Set.of());

    @TempDir
    Path dir;

    private SqliteTranscriptStore store;
    private ConversationService service;
    private AgentDesk desk;
    private Instant now = Instant.parse("2026-03-02T10:00:00Z");

    @BeforeEach
    void setUp() {
        store = SqliteTranscriptStore.open(new SqliteSettings(dir, false));
        Map<IntentName, IntentDefinition> faq = new LinkedHashMap<>(TestFaq.definitions());
        faq.put(
                IntentName.of("payment_double_charge"),
                new IntentDefinition(
                        IntentName.of("payment_double_charge"),
                        "payment",
                        "We refund duplicate charges.",
                        List.of(),
                        false,
                        "billing"));
        faq.put(
                IntentName.of("billing_dispute"),
                new IntentDefinition(
                        IntentName.of("billing_dispute"),
                        "payment",
                        "A person from billing will reply.",
                        List.of(),
                        true,
                        "billing"));
        faq.put(
                IntentName.of("order_status"),
                new IntentDefinition(
                        IntentName.of("order_status"), "orders", "It is on its way.", List.of(), false, "orders"));
        FakeIntentClassifier classifier = new FakeIntentClassifier(0.5)
                .when("charged twice", "payment_double_charge", 0.95, "order_status", 0.01)
                .when("I dispute this bill", "billing_dispute", 0.95, "order_status", 0.01)
                .when("talk to a person", "human_request", 0.95, "greeting", 0.01)
                .when("where is my order", "order_status", 0.95, "greeting", 0.01)
                .when("plumber", "greeting", 0.2, "order_status", 0.1);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        LanguageDetector.Languages languages = new LanguageDetector.Languages(
                text -> text.startsWith("注文")
                        ? Optional.of("ja")
                        : text.startsWith("wo ") ? Optional.of("de") : Optional.empty(),
                "en",
                Set.of("en"));
        FaqModel german = new FaqModel(
                new FakeIntentClassifier(0.5)
                        .when("wo ist meine bestellung", "order_status", 0.95, "greeting", 0.01)
                        .when("wo ist meine erstattung", "order_status", 0.3, "greeting", 0.01),
                Map.of(
                        IntentName.of("order_status"),
                        new IntentDefinition(
                                IntentName.of("order_status"),
                                "orders",
                                "Sie ist unterwegs.",
                                List.of(),
                                false,
                                "orders")));
        service = new ConversationService(
                new ModelSlot(new FaqModel(classifier, faq, Map.of("de", german))),
                new EscalationPolicy(EscalationSettings.defaults(), faq),
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                clock,
                languages);
        desk = new AgentDesk(store, Redactor.defaults(), clock, new Routing(Duration.ofMinutes(5)));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private ConversationId conversation(String... messages) {
        ConversationId id = service.start("web", "en");
        int n = 0;
        for (String m : messages) {
            service.receive(id, MessageId.of("m" + (++n)), m);
            now = now.plusSeconds(1);
        }
        return id;
    }

    @Test
    void anEscalationCarriesTheTeamOfItsIntentOrOfTheLastAnsweredOne() {
        ConversationId dispute = conversation("I dispute this bill");
        ConversationId afterAnswer = conversation("charged twice", "talk to a person");
        ConversationId unrouted = conversation("plumber");

        assertThat(store.session(dispute).team()).isEqualTo("billing");
        assertThat(store.session(afterAnswer).team()).isEqualTo("billing");
        assertThat(store.session(unrouted).team()).isNull();
        assertThat(store.read(afterAnswer, 0))
                .map(e -> e.event())
                .filteredOn(TranscriptEvent.Escalated.class::isInstance)
                .singleElement()
                .extracting(e -> ((TranscriptEvent.Escalated) e).team())
                .isEqualTo("billing");
    }

    @Test
    void eachAgentSeesTheirTeamsFirstAndClaimsFromThemNext() {
        ConversationId open = conversation("plumber");
        ConversationId billing = conversation("charged twice", "talk to a person");
        ConversationId orders = conversation("where is my order", "talk to a person");

        assertThat(desk.queueFor(BILLING_AGENT, ROSTER, false))
                .extracting(p -> p.routed().entry().conversationId())
                .containsExactly(billing, open);
        assertThat(desk.queueFor(NO_TEAM, ROSTER, false))
                .extracting(p -> p.routed().entry().conversationId())
                .containsExactly(open);
        assertThat(desk.queueFor(NO_TEAM, ROSTER, true))
                .extracting(Routing.Placed::fit)
                .containsExactly(Routing.Fit.OPEN, Routing.Fit.ELSEWHERE, Routing.Fit.ELSEWHERE);

        assertThat(desk.claimNext(ORDERS_AGENT, ROSTER)).contains(orders);
        assertThat(desk.claimNext(BILLING_AGENT, ROSTER)).contains(billing);
        assertThat(desk.claimNext(BILLING_AGENT, ROSTER)).contains(open);
        assertThat(desk.claimNext(BILLING_AGENT, ROSTER)).isEmpty();
    }

    @Test
    void aTeamNobodyIsInAndAWaitPastTheLimitAreOpenToEveryone() {
        ConversationId billing = conversation("charged twice", "talk to a person");
        assertThat(desk.queueFor(NO_TEAM, new Routing.Roster(Set.of("orders"), Set.of()), false))
                .hasSize(1);
        assertThat(desk.queueFor(NO_TEAM, ROSTER, false)).isEmpty();

        now = now.plus(Duration.ofMinutes(5));
        assertThat(desk.queueFor(NO_TEAM, ROSTER, false))
                .singleElement()
                .satisfies(p -> assertThat(p.overdue()).isTrue())
                .extracting(Routing.Placed::fit)
                .isEqualTo(Routing.Fit.OPEN);
        assertThat(desk.claimNext(NO_TEAM, ROSTER)).contains(billing);
    }

    @Test
    void aTransferPutsTheConversationBackInTheQueueForTheTeamOrAgentWithItsNote() {
        ConversationId id = conversation("charged twice", "talk to a person");
        assertThat(desk.claimNext(BILLING_AGENT, ROSTER)).contains(id);

        desk.transfer(id, BELLA, "orders", null, "They also ask where the parcel is; mail me at bella@shop.example");
        SessionState s = store.session(id);
        assertThat(s.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(s.team()).isEqualTo("orders");
        assertThat(s.waitingSince()).isEqualTo(now);
        TranscriptEvent.Transferred t = (TranscriptEvent.Transferred)
                store.read(id, 0).get(store.read(id, 0).size() - 1).event();
        assertThat(t.note()).startsWith("They also ask where the parcel is").doesNotContain("bella@shop.example");
        assertThat(desk.queueFor(BILLING_AGENT, ROSTER, false)).isEmpty();
        assertThat(desk.claimNext(ORDERS_AGENT, ROSTER)).contains(id);

        desk.transfer(id, OTTO, null, NINA, "");
        assertThat(desk.queueFor(ORDERS_AGENT, ROSTER, false)).isEmpty();
        assertThat(desk.queueFor(NO_TEAM, ROSTER, false))
                .singleElement()
                .extracting(Routing.Placed::fit)
                .isEqualTo(Routing.Fit.MINE);
        assertThat(desk.claimNext(NO_TEAM, ROSTER)).contains(id);
        assertThat(store.session(id).routedAgent()).isEqualTo(NINA);
    }

    @Test
    void aMessageInALanguageTheFaqDoesNotCoverIsNotGuessedAtAndWaitsForAgentsWhoSpeakIt() {
        ConversationId id = conversation("注文した商品がまだ届いていません");
        List<TranscriptEvent> log =
                store.read(id, 0).stream().map(e -> e.event()).toList();
        assertThat(log)
                .filteredOn(TranscriptEvent.MessageReceived.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((TranscriptEvent.MessageReceived) e).language())
                        .isEqualTo("ja"))
                .satisfies(e -> assertThat(((TranscriptEvent.MessageReceived) e).guesses())
                        .isEmpty());
        assertThat(log)
                .filteredOn(TranscriptEvent.Escalated.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((TranscriptEvent.Escalated) e).reason())
                        .isEqualTo(dev.chatbot.transcript.EscalationReason.UNSUPPORTED_LANGUAGE))
                .satisfies(e ->
                        assertThat(((TranscriptEvent.Escalated) e).language()).isEqualTo("ja"));
        assertThat(store.session(id).language()).isEqualTo("ja");

        Routing.AgentProfile speaksJapanese = new Routing.AgentProfile(NINA, Set.of(), Set.of("ja"));
        Routing.Roster roster = new Routing.Roster(Set.of("billing"), Set.of("ja"));
        assertThat(desk.queueFor(BILLING_AGENT, roster, false)).isEmpty();
        assertThat(desk.queueFor(BILLING_AGENT, ROSTER, false))
                .as("nobody speaks it: open to everyone")
                .hasSize(1);
        assertThat(desk.claimNext(speaksJapanese, roster)).contains(id);

        ConversationId english = conversation("where is my order");
        assertThat(store.read(english, 0))
                .map(e -> e.event())
                .filteredOn(TranscriptEvent.BotAnswered.class::isInstance)
                .hasSize(1);
    }

    @Test
    void aMessageInAFurtherLanguageIsAnsweredByThatLanguagesModelInThatLanguage() {
        ConversationId id = conversation("wo ist meine bestellung", "wo ist meine erstattung");
        List<TranscriptEvent> log =
                store.read(id, 0).stream().map(e -> e.event()).toList();
        assertThat(log)
                .filteredOn(TranscriptEvent.MessageReceived.class::isInstance)
                .allSatisfy(e -> assertThat(((TranscriptEvent.MessageReceived) e).language())
                        .isEqualTo("de"));
        assertThat(log)
                .filteredOn(TranscriptEvent.BotAnswered.class::isInstance)
                .singleElement()
                .satisfies(e ->
                        assertThat(((TranscriptEvent.BotAnswered) e).text()).isEqualTo("Sie ist unterwegs."));
        assertThat(log)
                .as("what the German model is not sure of is a low-confidence escalation, not an unsupported language")
                .filteredOn(TranscriptEvent.Escalated.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((TranscriptEvent.Escalated) e).reason())
                        .isEqualTo(dev.chatbot.transcript.EscalationReason.LOW_CONFIDENCE));
    }

    @Test
    void onlyTheHolderMayTransfer() {
        ConversationId id = conversation("talk to a person");
        assertThatThrownBy(() -> desk.transfer(id, BELLA, "orders", null, "note"))
                .isInstanceOf(NotHeldByAgentException.class);
        desk.claim(id, OTTO);
        assertThatThrownBy(() -> desk.transfer(id, BELLA, "orders", null, "note"))
                .isInstanceOf(NotHeldByAgentException.class);
        assertThatThrownBy(() -> desk.transfer(id, OTTO, null, null, "note"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
