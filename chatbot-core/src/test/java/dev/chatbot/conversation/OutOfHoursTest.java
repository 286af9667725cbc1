package dev.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.hours.OpeningHours;
import dev.chatbot.model.FaqModel;
import dev.chatbot.model.ModelSlot;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outside opening hours the bot answers as ever; a handoff is told when the team is back instead of to wait. */
class OutOfHoursTest {

    private static final OpeningHours NINE_TO_FIVE =
            OpeningHours.parse("UTC", Map.of("monday", "09:00-17:00", "tuesday", "09:00-17:00"), Map.of());

    @TempDir
    Path dir;

    private SqliteTranscriptStore store;
    private ConversationService service;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-07T07:00:00Z"));

    /** A clock the test moves. */
    private final Clock clock = new Clock() {
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
            return now.get();
        }
    };

    @BeforeEach
    void setUp() {
        store = SqliteTranscriptStore.open(new SqliteSettings(dir, false));
        FakeIntentClassifier classifier = new FakeIntentClassifier(0.5)
                .when("talk to a person", "human_request", 0.95, "greeting", 0.01)
                .when("where is my order", "order_status", 0.92, "shipping_cost", 0.03);
        service = new ConversationService(
                new ModelSlot(new FaqModel(classifier, TestFaq.definitions())),
                new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions()),
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                clock,
                () -> NINE_TO_FIVE);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private TranscriptEvent last(ConversationId id) {
        var log = store.read(id, 0);
        return log.get(log.size() - 1).event();
    }

    @Test
    void theFaqIsAnsweredOutsideHours() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "where is my order");
        assertThat(last(id)).isInstanceOf(TranscriptEvent.BotAnswered.class);
    }

    @Test
    void aHandoffOutsideHoursIsToldWhenTheTeamIsBackAndStaysFirstInTheQueue() {
        ConversationId night = service.start("web", "en");
        Reply reply = service.receive(night, MessageId.of("m1"), "talk to a person");
        assertThat(reply.state()).isEqualTo(ConversationState.QUEUED);
        TranscriptEvent.Escalated escalated = (TranscriptEvent.Escalated) last(night);
        assertThat(escalated.text())
                .contains("Monday 7 December, 09:00 (UTC)")
                .contains("leave your message")
                .doesNotContain("shortly");

        service.receive(night, MessageId.of("m2"), "my order 1234 never came, call me on the number I gave");
        assertThat(last(night))
                .as("no 'someone will be with you shortly' at night")
                .isInstanceOf(TranscriptEvent.MessageReceived.class);

        now.set(Instant.parse("2026-12-07T09:00:05Z"));
        ConversationId day = service.start("web", "en");
        service.receive(day, MessageId.of("m1"), "talk to a person");
        assertThat(((TranscriptEvent.Escalated) last(day)).text()).doesNotContain("away");
        service.receive(day, MessageId.of("m2"), "hello?");
        assertThat(last(day)).isInstanceOf(TranscriptEvent.NoticeSent.class);

        assertThat(store.queue().stream().map(QueueEntry::conversationId)).containsExactly(night, day);
    }

    @Test
    void aScheduleWithoutOpeningsSaysSoHonestly() {
        service = new ConversationService(
                new ModelSlot(new FaqModel(
                        new FakeIntentClassifier(0.5).when("talk to a person", "human_request", 0.95, "greeting", 0.01),
                        TestFaq.definitions())),
                new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions()),
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                clock,
                () -> OpeningHours.parse("UTC", Map.of(), Map.of()));
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "talk to a person");
        assertThat(((TranscriptEvent.Escalated) last(id)).text()).isEqualTo(ConversationSettings.DEFAULT_CLOSED);
    }
}
