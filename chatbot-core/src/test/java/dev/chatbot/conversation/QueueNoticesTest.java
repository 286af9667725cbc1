package dev.chatbot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
class QueueNoticesTest {

    @TempDir
    Path dir;

    private SqliteTranscriptStore store;
    private ConversationService service;
    private AgentDesk desk;
    private QueueNotices notices;

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
                Clock.systemUTC());
        desk = new AgentDesk(store, Clock.systemUTC());
        notices = new QueueNotices(store, Clock.systemUTC());
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

    private long noticesWith(ConversationId id, String text) {
        return store.read(id, 0).stream()
                .filter(e -> e.event() instanceof TranscriptEvent.NoticeSent n
                        && n.text().equals(text))
                .count();
    }

    @Test
    void tellsAQueuedCustomerOnlyOncePerWait() {
        ConversationId id = queued();
        assertThat(notices.tellOnce(id, "Nobody is online")).isTrue();
        service.receive(id, MessageId.of("m2"), "hello?");
        assertThat(notices.tellOnce(id, "Nobody is online")).isFalse();
        assertThat(noticesWith(id, "Nobody is online")).isEqualTo(1);
    }

    @Test
    void tellsNothingOnceAnAgentHasTheConversation() {
        ConversationId id = queued();
        desk.claim(id, AgentId.of("alice"));
        assertThat(notices.tellOnce(id, "Nobody is online")).isFalse();
    }

    @Test
    void tellsAgainAfterTheNextEscalation() {
        ConversationId id = queued();
        notices.tellOnce(id, "Leave a message");
        desk.claim(id, AgentId.of("alice"));
        desk.handBack(id, AgentId.of("alice"));
        service.requestHuman(id);
        assertThat(notices.tellOnce(id, "Leave a message")).isTrue();
        assertThat(noticesWith(id, "Leave a message")).isEqualTo(2);
    }

    @Test
    void concurrentCallersSendOneNotice() throws Exception {
        ConversationId id = queued();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> notices.tellOnce(id, "Nobody is online"));
            }
            long sent = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                sent += f.get() ? 1 : 0;
            }
            assertThat(sent).isEqualTo(1);
            assertThat(noticesWith(id, "Nobody is online")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
