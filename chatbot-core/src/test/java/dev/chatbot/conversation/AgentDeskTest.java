package dev.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.IntentName;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.CollectingListener;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TrainingLabel;
import dev.chatbot.transcript.TranscriptEvent.AgentReplied;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class AgentDeskTest {

    private static final AgentId ALICE = AgentId.of("alice");
    private static final AgentId BOB = AgentId.of("bob");

    @TempDir
    Path dir;

    private SqliteTranscriptStore store;
    private ConversationService service;
    private AgentDesk desk;

    /** Each reading a second after the last, so conversations queued one after the other wait different times. */
    private final Clock ticking = new Clock() {
        private final java.util.concurrent.atomic.AtomicLong seconds = new java.util.concurrent.atomic.AtomicLong(
                java.time.Instant.parse("2026-03-01T09:00:00Z").getEpochSecond());

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return java.time.Instant.ofEpochSecond(seconds.incrementAndGet());
        }
    };

    @BeforeEach
    void setUp() {
        store = SqliteTranscriptStore.open(new SqliteSettings(dir, false));
        FakeIntentClassifier classifier =
                new FakeIntentClassifier(0.5).when("talk to a person", "human_request", 0.95, "greeting", 0.01);
        service = new ConversationService(
                classifier,
                TestFaq.definitions(),
                new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions()),
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                ticking);
        desk = new AgentDesk(store, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private ConversationId queued() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "talk to a person");
        return id;
    }

    @Test
    void letsOnlyTheFirstAgentClaimAConversation() {
        ConversationId id = queued();
        assertThat(desk.claim(id, ALICE)).isTrue();
        assertThat(desk.claim(id, BOB)).isFalse();
        assertThat(desk.queue()).isEmpty();
    }

    @Test
    void claimsTheLongestWaitingConversationNext() throws InterruptedException {
        ConversationId first = queued();
        ConversationId second = queued();
        assertThat(desk.claimNext(ALICE)).contains(first);
        assertThat(desk.claimNext(BOB)).contains(second);
        assertThat(desk.claimNext(BOB)).isEmpty();
    }

    @Test
    void claimingTheNextOfManyWaitingConversationsReadsEachOnceNotOncePerClaim() {
        int waiting = 40;
        java.util.List<ConversationId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            ids.add(queued());
        }
        SqliteTranscriptStore counted = org.mockito.Mockito.spy(store);
        AgentDesk countingDesk = new AgentDesk(counted, Clock.systemUTC());

        java.util.List<ConversationId> claimed = new java.util.ArrayList<>();
        for (var next = countingDesk.claimNext(ALICE); next.isPresent(); next = countingDesk.claimNext(ALICE)) {
            claimed.add(next.get());
        }

        assertThat(claimed).containsExactlyElementsOf(ids);
        // where each entry is routed is read once while it waits (a read per entry per claim would be 820)
        org.mockito.Mockito.verify(counted, org.mockito.Mockito.times(waiting))
                .session(org.mockito.ArgumentMatchers.any());
    }

    @Test
    void deliversAgentRepliesLiveAsTheAgentWroteThem() throws Exception {
        ConversationId id = queued();
        desk.claim(id, ALICE);
        CollectingListener customer = new CollectingListener();
        try (Subscription ignored = store.subscribe(id, customer)) {
            desk.reply(id, ALICE, "Call us on +44 20 7946 0958 or write to help@shop.example");
            AgentReplied reply = (AgentReplied)
                    customer.await(1, Duration.ofSeconds(30)).get(0).event();
            assertThat(reply.text()).isEqualTo("Call us on +44 20 7946 0958 or write to help@shop.example");
            assertThat(reply.agent()).isEqualTo(ALICE);
        }
    }

    @Test
    void refusesRepliesAndHandBacksFromAnAgentWhoDoesNotHoldTheConversation() {
        ConversationId id = queued();
        assertThatThrownBy(() -> desk.reply(id, ALICE, "hi")).isInstanceOf(IllegalStateException.class);
        desk.claim(id, ALICE);
        assertThatThrownBy(() -> desk.reply(id, BOB, "hi")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> desk.handBack(id, BOB)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> desk.resolve(id, BOB)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void turnsAgentLabelsIntoTrainingLabelsEvenAfterResolving() {
        ConversationId id = queued();
        desk.claim(id, ALICE);
        desk.resolve(id, ALICE);
        desk.label(id, ALICE, MessageId.of("m1"), IntentName.of("human_request"));
        assertThat(TrainingLabel.from(desk.transcript(id))).singleElement().satisfies(l -> {
            assertThat(l.text()).isEqualTo("talk to a person");
            assertThat(l.botGuess()).isEqualTo(IntentName.of("human_request"));
        });
        assertThatThrownBy(() -> desk.label(id, ALICE, MessageId.of("nope"), IntentName.of("greeting")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
