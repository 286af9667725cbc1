package dev.chatbot.transcript.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chatbot.conversation.AgentDesk;
import dev.chatbot.conversation.ConversationService;
import dev.chatbot.conversation.ConversationSettings;
import dev.chatbot.conversation.EscalationPolicy;
import dev.chatbot.conversation.EscalationSettings;
import dev.chatbot.conversation.Reply;
import dev.chatbot.redaction.Redactor;
import dev.chatbot.testing.FakeIntentClassifier;
import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.testing.TestFaq;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConcurrentAppendException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.SessionState;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Redis store's own copy of the logs it wrote ({@code readForAppend}), with two instances over one Redis:
 * a copy another instance made stale is never decided on for good.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class RedisLogCopyTest {

    private static final AgentId ALICE = AgentId.of("alice");

    private RedisTranscriptStore first;
    private RedisTranscriptStore second;
    private final FakeIntentClassifier classifier = new FakeIntentClassifier(0.5)
            .when("where is my order", "order_status", 0.92, "shipping_cost", 0.03)
            .when("talk to a person", "human_request", 0.95, "greeting", 0.01);

    @BeforeEach
    void connect() {
        String prefix = "copy" + UUID.randomUUID().toString().substring(0, 8);
        RedisSettings defaults = RedisSettings.defaults(RedisTestServer.url());
        RedisSettings settings =
                new RedisSettings(defaults.url(), prefix, defaults.commandTimeout(), defaults.maxReconnectDelay());
        first = RedisTranscriptStore.connect(settings);
        second = RedisTranscriptStore.connect(settings);
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private ConversationService service(RedisTranscriptStore store) {
        return new ConversationService(
                classifier,
                TestFaq.definitions(),
                new EscalationPolicy(EscalationSettings.defaults(), TestFaq.definitions()),
                store,
                Redactor.defaults(),
                ConversationSettings.defaults(),
                Clock.systemUTC());
    }

    @Test
    void theCopyFollowsOtherInstancesAppendsAndAnAppendOnAStaleStateIsRefused() throws Exception {
        ConversationId id = ConversationId.of("c-copy-1");
        first.append(id, 0, List.of(new TranscriptEvent.ConversationStarted(Instant.now(), "web", "en")));
        first.append(
                id,
                1,
                List.of(new TranscriptEvent.MessageReceived(
                        Instant.now(), MessageId.of("m1"), "hello", List.of(), "v1")));
        assertThat(first.readForAppend(id)).isEqualTo(first.read(id, 0)).hasSize(2);
        assertThat(first.copy(id)).as("the copy kept on append").hasSize(2);

        second.append(
                id,
                2,
                List.of(new TranscriptEvent.MessageReceived(
                        Instant.now(), MessageId.of("m2"), "again", List.of(), "v1")));
        List<StoredEvent> log = second.read(id, 0);
        // the first instance hears its own two events (the same ones, so the copy stays) and then the second's, which
        // extends the copy; a copy dropped on the way would not come back without a read, and copy() never reads
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(first.copy(id)).isEqualTo(log));

        SessionState stale = SessionState.replay(id, log.subList(0, 2));
        assertThatThrownBy(() -> first.append(
                        stale,
                        List.of(new TranscriptEvent.MessageReceived(
                                Instant.now(), MessageId.of("m3"), "lost?", List.of(), "v1"))))
                .isInstanceOf(ConcurrentAppendException.class);
        assertThat(first.read(id, 0)).isEqualTo(log); // nothing stored by the refused append
        assertThat(first.copy(id)).as("the refused append drops the copy").isNull();
        assertThat(first.readForAppend(id)).isEqualTo(log); // the copy was dropped and read again
    }

    @Test
    void anInstancesOwnLiveEventsAreTheAppendedOnesAndOtherInstancesAreDecoded() throws Exception {
        ConversationId id = ConversationId.of("c-own-1");
        java.util.concurrent.BlockingQueue<StoredEvent> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        try (var subscription = first.subscribe(id, heard::add)) {
            List<StoredEvent> mine = first.append(
                    id,
                    0,
                    List.of(
                            new TranscriptEvent.ConversationStarted(Instant.now(), "web", "en"),
                            new TranscriptEvent.MessageReceived(
                                    Instant.now(), MessageId.of("m1"), "hello", List.of(), "v1")));
            List<StoredEvent> theirs = second.append(
                    id,
                    2,
                    List.of(new TranscriptEvent.MessageReceived(
                            Instant.now(), MessageId.of("m2"), "again", List.of(), "v1")));
            StoredEvent[] got = new StoredEvent[3];
            for (int i = 0; i < got.length; i++) {
                got[i] = heard.poll(10, TimeUnit.SECONDS);
            }
            assertThat(got).containsExactly(mine.get(0), mine.get(1), theirs.get(0)); // in order
            // this instance's own events come back as the very objects it appended: not decoded again
            assertThat(got[0]).isSameAs(mine.get(0));
            assertThat(got[1]).isSameAs(mine.get(1));
            assertThat(got[2]).isNotSameAs(theirs.get(0)); // another instance's: read from the message
        }
    }

    @Test
    void twoInstancesTakingTurnsRecordEveryMessageOnceInOrderOnTheCurrentState() {
        ConversationService a = service(first);
        ConversationService b = service(second);
        ConversationId id = a.start("web", "en");
        for (int i = 0; i < 6; i++) {
            ConversationService to = i % 2 == 0 ? a : b;
            to.receive(id, MessageId.of("m" + i), "where is my order");
        }
        a.receive(id, MessageId.of("m0"), "where is my order"); // a repeat, recorded once
        List<StoredEvent> log = second.read(id, 0);
        assertThat(log)
                .extracting(StoredEvent::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(log.stream()
                        .filter(e -> e.event() instanceof TranscriptEvent.MessageReceived)
                        .map(e -> ((TranscriptEvent.MessageReceived) e.event())
                                .messageId()
                                .value()))
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5");

        // the second instance's agent takes the conversation and gives it back; the first instance's copy still
        // says "queued", but pressing "talk to a person" there must escalate again, not answer "already queued"
        a.receive(id, MessageId.of("p1"), "talk to a person");
        assertThat(first.readForAppend(id)
                        .get(first.readForAppend(id).size() - 1)
                        .event())
                .isInstanceOf(TranscriptEvent.Escalated.class);
        AgentDesk desk = new AgentDesk(second, Clock.systemUTC());
        assertThat(desk.claim(id, ALICE)).isTrue();
        desk.handBack(id, ALICE);

        Reply pressed = a.requestHuman(id);
        assertThat(pressed.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(pressed.escalation()).isPresent();
        assertThat(second.read(id, 0).get(second.read(id, 0).size() - 1).event())
                .isInstanceOf(TranscriptEvent.Escalated.class);

        // a claim decided on a stale "an agent has it" copy is decided again: it is queued, so bob gets it
        AgentDesk deskA = new AgentDesk(first, Clock.systemUTC());
        assertThat(deskA.claim(id, ALICE)).isTrue(); // the first instance's copy: alice has it
        desk.handBack(id, ALICE);
        b.requestHuman(id); // queued again, through the second instance
        assertThat(deskA.claim(id, AgentId.of("bob"))).isTrue();
        assertThat(second.session(id).state()).isEqualTo(ConversationState.AGENT);
    }
}
