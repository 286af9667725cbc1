package dev.chatbot.web.console;

import static dev.chatbot.web.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.QueueNotices;
import dev.chatbot.store.embedded.EmbeddedStoreSettings;
import dev.chatbot.store.embedded.EmbeddedTranscriptStore;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Presence;
import dev.chatbot.web.console.agent.Role;
import dev.chatbot.web.console.agent.file.FileConsoleStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What waiting customers are told: nobody online, and the offer to leave a message after the wait limit. */
@Timeout(20)
class HandoffWatcherTest {

    private static final String NOBODY = "Nobody from our team is online right now; you keep your place.";
    private static final String LEAVE = "Leave us a message and we will get back to you.";

    @TempDir
    Path dir;
    private EmbeddedTranscriptStore store;
    private AgentAccounts accounts;
    private HandoffWatcher watcher;

    @BeforeEach
    void setUp() {
        store = EmbeddedTranscriptStore.open(new EmbeddedStoreSettings(dir, false, 1 << 20));
        accounts = new AgentAccounts(FileConsoleStore.open(dir), password -> "hash:" + password, Duration.ofSeconds(30),
                Clock.systemUTC());
        accounts.add(AgentId.of("alice"), "alice-password", Role.AGENT);
        watcher = new HandoffWatcher(store, new QueueNotices(store, Clock.systemUTC()), accounts, NOBODY,
                Duration.ofMillis(600), LEAVE, Clock.systemUTC());
        watcher.start(Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() {
        watcher.close();
        store.close();
    }

    private ConversationId escalate() {
        ConversationId id = ConversationId.random();
        Instant now = Instant.now();
        store.append(id, 0, List.of(new TranscriptEvent.ConversationStarted(now, "web", "en"),
                new TranscriptEvent.Escalated(now, null, EscalationReason.USER_REQUEST, null, "A person will reply.")));
        return id;
    }

    private long told(ConversationId id, String text) {
        return store.read(id, 0).stream()
                .filter(e -> e.event() instanceof TranscriptEvent.NoticeSent n && n.text().equals(text)).count();
    }

    @Test
    void aCustomerEscalatedWhileNobodyIsOnlineIsToldSoAndStaysQueued() {
        ConversationId id = escalate();
        await(Duration.ofSeconds(5), "the nobody-online notice", () -> told(id, NOBODY) == 1);
        assertThat(store.queue()).extracting(q -> q.conversationId()).contains(id);
    }

    @Test
    void aCustomerEscalatedWhileAnAgentIsOnlineIsNotToldNobodyIsOnline() throws InterruptedException {
        accounts.report(AgentId.of("alice"), Presence.Status.ONLINE);
        ConversationId id = escalate();
        await(Duration.ofSeconds(5), "the leave-a-message offer", () -> told(id, LEAVE) == 1);
        assertThat(told(id, NOBODY)).isZero();
    }

    @Test
    void afterTheWaitLimitTheCustomerIsOfferedToLeaveAMessageOnce() throws InterruptedException {
        ConversationId id = escalate();
        await(Duration.ofSeconds(5), "the leave-a-message offer", () -> told(id, LEAVE) == 1);
        Thread.sleep(800); // several more checks
        assertThat(told(id, LEAVE)).isEqualTo(1);
        assertThat(store.session(id).state().name()).isEqualTo("QUEUED");
    }

    @Test
    void awayAgentsDoNotCountAsOnline() {
        accounts.report(AgentId.of("alice"), Presence.Status.AWAY);
        assertThat(accounts.online()).isEmpty();
        accounts.report(AgentId.of("alice"), Presence.Status.ONLINE);
        assertThat(accounts.online()).containsExactly(AgentId.of("alice"));
        accounts.setEnabled(AgentId.of("alice"), false);
        assertThat(accounts.online()).isEmpty();
    }
}
