package dev.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.IntentName;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptEvent.MessageReceived;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class ConversationServiceTest {

    private static final AgentId ALICE = AgentId.of("alice");

    @TempDir
    Path dir;

    private SqliteTranscriptStore store;
    private ConversationService service;
    private AgentDesk desk;
    private final FakeIntentClassifier classifier = new FakeIntentClassifier(0.5)
            .when("where is my order", "order_status", 0.92, "shipping_cost", 0.03)
            .when("is it free", "shipping_cost", 0.45, "return_policy", 0.41)
            .when("Shipping cost", "greeting", 0.2, "shipping_cost", 0.15)
            .when("talk to a person", "human_request", 0.95, "greeting", 0.01)
            .when("I want to complain", "complaint_formal", 0.9, "order_status", 0.05)
            .when("hello", "greeting", 0.9, "order_status", 0.05);

    @BeforeEach
    void setUp() {
        store = SqliteTranscriptStore.open(new SqliteSettings(dir, false));
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
        service = new ConversationService(
                classifier,
                TestFaq.definitions(),
                new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions()),
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                clock);
        desk = new AgentDesk(store, clock);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Reply say(ConversationId id, String clientId, String text) {
        return service.receive(id, MessageId.of(clientId), text);
    }

    private static CustomerText text(String text) {
        return CustomerText.of(text, 2_000);
    }

    @Test
    void classifyingTouchesNoStoreAndRecordingItGivesTheSameReplyAsReceive() {
        ConversationId id = service.start("web", "en");
        assertThat(service.classify(text("card 4111 1111 1111 1111")).redactedText())
                .doesNotContain("4111");
        ConversationService.Classified classified = service.classify(text("where is my order"));
        assertThat(store.read(id, 0)).hasSize(1);

        Reply recorded = service.record(id, MessageId.of("m1"), classified);
        Reply direct = say(service.start("web", "en"), "m1", "where is my order");
        assertThat(recorded.replies())
                .extracting(r -> r.text())
                .isEqualTo(direct.replies().stream().map(r -> r.text()).toList());
        assertThat(store.read(id, 0))
                .extracting(e -> e.event().type())
                .containsExactly("ConversationStarted", "MessageReceived", "BotAnswered");
    }

    @Test
    void startingWithTheFirstMessageRecordsWhatAStartAndThenTheMessageWould() {
        for (String text : List.of(
                "where is my order",
                "is it free",
                "talk to a person",
                "I want to complain",
                "something nobody trained")) {
            ConversationId twoSteps = service.start("web", "de");
            Reply separate = say(twoSteps, "m1", text);
            Reply together = service.start("web", "de", MessageId.of("m1"), service.classify(text(text)));

            assertThat(together.conversationId()).isNotEqualTo(twoSteps);
            assertThat(together.state()).as(text).isEqualTo(separate.state());
            assertThat(together.escalation()).as(text).isEqualTo(separate.escalation());
            assertThat(together.replies()).as(text).isEqualTo(separate.replies());
            assertThat(store.read(together.conversationId(), 0))
                    .as(text)
                    .extracting(StoredEvent::event)
                    .isEqualTo(store.read(twoSteps, 0).stream()
                            .map(StoredEvent::event)
                            .toList());
            // and the conversation carries on like any other: the same message id is not recorded twice
            Reply again = say(together.conversationId(), "m1", text);
            assertThat(again.replies()).as(text).isEqualTo(together.replies());
            assertThat(store.read(together.conversationId(), 0))
                    .hasSize(store.read(twoSteps, 0).size());
        }
    }

    @Test
    void answersAConfidentQuestionWithTheFaqAnswerAndRecordsBothSides() {
        ConversationId id = service.start("web", "en");
        Reply reply = say(id, "m1", "where is my order");
        assertThat(reply.state()).isEqualTo(ConversationState.BOT);
        assertThat(reply.escalation()).isEmpty();
        assertThat(reply.replies()).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo(TestFaq.ORDER_STATUS_ANSWER);
            assertThat(r.intent()).isEqualTo(IntentName.of("order_status"));
        });
        List<StoredEvent> log = store.read(id, 0);
        assertThat(log)
                .extracting(e -> e.event().type())
                .containsExactly("ConversationStarted", "MessageReceived", "BotAnswered");
        MessageReceived received = (MessageReceived) log.get(1).event();
        assertThat(received.guesses()).hasSize(2);
        assertThat(received.modelVersion()).isEqualTo("fake-1");
    }

    @Test
    void offersQuickRepliesForCloseIntentsAndAnswersTheOneTheCustomerPicks() {
        ConversationId id = service.start("web", "en");
        Reply choice = say(id, "m1", "is it free");
        assertThat(choice.replies())
                .singleElement()
                .satisfies(r -> assertThat(r.quickReplies()).containsExactly("Shipping cost", "Return policy"));
        Reply picked = say(id, "m2", "Shipping cost");
        assertThat(picked.replies())
                .singleElement()
                .satisfies(r -> assertThat(r.intent()).isEqualTo(IntentName.of("shipping_cost")));
    }

    @Test
    void escalatesWhenAskedForAPersonTellsTheCustomerAndQueuesTheConversation() {
        ConversationId id = service.start("web", "en");
        Reply reply = say(id, "m1", "talk to a person");
        assertThat(reply.escalation()).contains(EscalationReason.USER_REQUEST);
        assertThat(reply.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(reply.replies())
                .singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo(TestFaq.HUMAN_REQUEST_ANSWER));
        assertThat(desk.queue()).extracting(q -> q.conversationId()).containsExactly(id);
    }

    @Test
    void escalatesAlwaysHumanIntentsWithTheirOwnAnswerAndUnknownOnesWithTheConfiguredMessage() {
        ConversationId complaint = service.start("web", "en");
        assertThat(say(complaint, "m1", "I want to complain").replies().get(0).text())
                .isEqualTo(TestFaq.COMPLAINT_ANSWER);
        ConversationId unknown = service.start("web", "en");
        Reply reply = say(unknown, "m1", "qwertz");
        assertThat(reply.escalation()).contains(EscalationReason.LOW_CONFIDENCE);
        assertThat(reply.replies().get(0).text())
                .isEqualTo(ConversationSettings.defaults().escalationMessage());
    }

    @Test
    void neverAnswersWhileQueuedOrWithAnAgentButRecordsTheMessagesForTheAgent() {
        ConversationId id = service.start("web", "en");
        say(id, "m1", "talk to a person");
        Reply waiting = say(id, "m2", "where is my order");
        assertThat(waiting.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(waiting.replies())
                .extracting(BotReply::text)
                .containsExactly(ConversationSettings.defaults().waitingMessage());
        assertThat(desk.claim(id, ALICE)).isTrue();
        Reply withAgent = say(id, "m3", "hello");
        assertThat(withAgent.state()).isEqualTo(ConversationState.AGENT);
        assertThat(withAgent.replies()).isEmpty();
        assertThat(store.read(id, 0)).extracting(e -> e.event().type()).doesNotContain("BotAnswered");
    }

    @Test
    void answersAgainAfterTheAgentHandsTheConversationBack() {
        ConversationId id = service.start("web", "en");
        say(id, "m1", "talk to a person");
        desk.claim(id, ALICE);
        desk.handBack(id, ALICE);
        assertThat(say(id, "m2", "where is my order").replies())
                .singleElement()
                .satisfies(r -> assertThat(r.intent()).isEqualTo(IntentName.of("order_status")));
    }

    @Test
    void processesARepeatedClientMessageIdOnlyOnceAndReturnsTheOriginalReply() {
        ConversationId id = service.start("web", "en");
        Reply first = say(id, "same", "where is my order");
        Reply again = say(id, "same", "where is my order");
        assertThat(again).isEqualTo(first);
        assertThat(store.read(id, 0)).hasSize(3);
    }

    @Test
    void escalatesAsRepeatedMissAfterUnhelpfulFeedbackAndAClarification() {
        ConversationId id = service.start("web", "en");
        say(id, "m1", "where is my order");
        service.feedback(id, false, "no");
        assertThat(say(id, "m2", "is it free").escalation()).contains(EscalationReason.REPEATED_MISS);
    }

    @Test
    void theTalkToAPersonButtonNeedsACustomerMessageFirst() {
        ConversationId id = service.start("web", "en");
        assertThatThrownBy(() -> service.requestHuman(id))
                .isInstanceOf(NothingToHandOverException.class)
                .hasMessageContaining("no customer message");
        assertThat(store.read(id, 0)).hasSize(1); // nothing recorded, nothing queued
        assertThat(store.queue()).extracting(QueueEntry::conversationId).doesNotContain(id);
    }

    @Test
    void escalatesOnTheTalkToAPersonButtonOnlyOnce() {
        ConversationId id = service.start("web", "en");
        say(id, "m1", "where is my order");
        assertThat(service.requestHuman(id).escalation()).contains(EscalationReason.USER_REQUEST);
        assertThat(service.requestHuman(id).escalation()).isEmpty();
        assertThat(store.read(id, 0))
                .filteredOn(e -> e.event() instanceof TranscriptEvent.Escalated)
                .hasSize(1);
    }

    @Test
    void refusesMessagesToClosedOrUnknownConversationsAndOverlongMessages() {
        ConversationId id = service.start("web", "en");
        say(id, "m1", "talk to a person");
        desk.resolve(id, ALICE);
        assertThatThrownBy(() -> say(id, "m2", "hello")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> say(ConversationId.of("nope"), "m1", "hello"))
                .isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> say(id, "m3", "x".repeat(2_001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2000");
    }
}
