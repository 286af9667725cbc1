package dev.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EventListener;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.Subscription;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.transcript.sqlite.SqliteTranscriptStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions made on a store's copy of a log that another instance has moved on ({@link
 * TranscriptStore#readForAppend}): whatever the copy says, the outcome is the one the current log gives.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class StaleCopyTest {

    private static final AgentId ALICE = AgentId.of("alice");
    private static final AgentId BOB = AgentId.of("bob");

    @TempDir
    Path dir;

    private SqliteTranscriptStore log;
    private FrozenCopies store;
    private ConversationService service;
    private AgentDesk desk;
    /** What "another instance" does: straight on the log, past the copies. */
    private AgentDesk elsewhere;

    private ConversationService elsewhereService;

    @BeforeEach
    void setUp() {
        log = SqliteTranscriptStore.open(new SqliteSettings(dir, false));
        store = new FrozenCopies(log);
        FakeIntentClassifier classifier = new FakeIntentClassifier(0.5)
                .when("where is my order", "order_status", 0.92, "shipping_cost", 0.03)
                .when("talk to a person", "human_request", 0.95, "greeting", 0.01);
        EscalationPolicy policy = new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions());
        service = new ConversationService(
                classifier,
                TestFaq.definitions(),
                policy,
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                Clock.systemUTC());
        elsewhereService = new ConversationService(
                classifier,
                TestFaq.definitions(),
                policy,
                log,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                Clock.systemUTC());
        desk = new AgentDesk(store, Clock.systemUTC());
        elsewhere = new AgentDesk(log, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        log.close();
    }

    @Test
    void aMessageDecidedOnAStaleCopyIsDecidedAgainOnTheLog() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "talk to a person");
        store.freeze(id); // the copy: queued
        assertThat(elsewhere.claim(id, ALICE)).isTrue();

        Reply reply = service.receive(id, MessageId.of("m2"), "where is my order");
        assertThat(reply.state()).isEqualTo(ConversationState.AGENT); // not answered by the bot: alice has it
        assertThat(reply.replies()).isEmpty();
        assertThat(log.read(id, 0))
                .extracting(e -> e.event().type())
                .containsExactly("ConversationStarted", "MessageReceived", "Escalated", "Claimed", "MessageReceived");
    }

    @Test
    void pressingForAPersonOnAStaleQueuedCopyEscalatesWhenTheConversationWasHandedBack() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "talk to a person");
        store.freeze(id); // the copy: queued, so "nothing to do"
        elsewhere.claim(id, ALICE);
        elsewhere.handBack(id, ALICE);

        Reply pressed = service.requestHuman(id);
        assertThat(pressed.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(pressed.escalation()).isPresent();
        assertThat(log.session(id).state()).isEqualTo(ConversationState.QUEUED);
    }

    @Test
    void aClaimOnAStaleCopyIsDecidedOnTheLogAndARefusalOnOneIsToo() {
        ConversationId id = service.start("web", "en");
        service.receive(id, MessageId.of("m1"), "talk to a person");
        assertThat(desk.claim(id, ALICE)).isTrue();
        store.freeze(id); // the copy: alice has it
        elsewhere.handBack(id, ALICE);
        elsewhereService.requestHuman(id); // queued again

        assertThat(desk.claim(id, BOB)).isTrue(); // "alice has it" would have said no
        store.freeze(id); // the copy: bob has it
        elsewhere.handBack(id, BOB);
        elsewhereService.requestHuman(id);
        elsewhere.claim(id, ALICE);
        desk.reply(id, ALICE, "Hello, alice here"); // the copy says bob holds it: that refusal is not final either
        assertThat(log.read(id, 0).get(log.read(id, 0).size() - 1).event())
                .isInstanceOf(TranscriptEvent.AgentReplied.class);
    }

    /** The embedded store, with {@code readForAppend} answering from a frozen copy where one was taken. */
    private static final class FrozenCopies implements TranscriptStore {
        private final TranscriptStore log;
        private final Map<ConversationId, List<StoredEvent>> frozen = new ConcurrentHashMap<>();

        FrozenCopies(TranscriptStore log) {
            this.log = log;
        }

        void freeze(ConversationId id) {
            frozen.put(id, log.read(id, 0));
        }

        @Override
        public List<StoredEvent> readForAppend(ConversationId id) {
            return frozen.getOrDefault(id, log.read(id, 0));
        }

        @Override
        public List<StoredEvent> append(ConversationId id, long expectedLastSequence, List<TranscriptEvent> events) {
            return log.append(id, expectedLastSequence, events);
        }

        @Override
        public List<StoredEvent> append(SessionState before, List<TranscriptEvent> events) {
            return log.append(before, events);
        }

        @Override
        public List<StoredEvent> read(ConversationId id, long afterSequence) {
            return log.read(id, afterSequence);
        }

        @Override
        public SessionState session(ConversationId id) {
            return log.session(id);
        }

        @Override
        public List<QueueEntry> queue(int limit) {
            return log.queue(limit);
        }

        @Override
        public List<ConversationId> conversations(java.time.Instant from, java.time.Instant to) {
            return log.conversations(from, to);
        }

        @Override
        public List<ConversationId> inactiveSince(java.time.Instant cutoff, int limit) {
            return log.inactiveSince(cutoff, limit);
        }

        @Override
        public long delete(java.util.Collection<ConversationId> conversations) {
            return log.delete(conversations);
        }

        @Override
        public long erase(dev.chatbot.transcript.Tombstone tombstone) {
            return log.erase(tombstone);
        }

        @Override
        public List<dev.chatbot.transcript.Tombstone> tombstones() {
            return log.tombstones();
        }

        @Override
        public Subscription subscribe(ConversationId id, EventListener listener) {
            return log.subscribe(id, listener);
        }

        @Override
        public Subscription subscribeAll(EventListener listener) {
            return log.subscribeAll(listener);
        }

        @Override
        public boolean reachable() {
            return log.reachable();
        }

        @Override
        public void close() {
            log.close();
        }
    }
}
