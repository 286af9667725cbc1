package dev.chatbot.web.console;

import static dev.chatbot.web.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.conversation.QueueNotices;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import dev.chatbot.web.console.agent.AgentAccounts;
import dev.chatbot.web.console.agent.Presence;
import dev.chatbot.web.console.agent.Role;
import dev.chatbot.web.console.agent.sqlite.SqliteConsoleStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What waiting customers are told: nobody online, and the offer to leave a message after the wait limit. */
@Timeout(120) // a guard against a hang, not a speed check
class HandoffWatcherTest {

    private static final String NOBODY = "Nobody from our team is online right now; you keep your place.";
    private static final String LEAVE = "Leave us a message and we will get back to you.";

    @TempDir
    Path dir;
    private Stores stores;
    private TranscriptStore store;
    private AgentAccounts accounts;
    private HandoffWatcher watcher;

    @BeforeEach
    void setUp() {
        stores = Stores.open(new StoreSettings(StoreSettings.Kind.EMBEDDED, new SqliteSettings(dir, false), null));
        store = stores.transcripts();
        accounts = new AgentAccounts(new SqliteConsoleStore(stores.database().orElseThrow()), password -> "hash:" + password,
                (password, hash) -> hash.equals("hash:" + password), Duration.ofSeconds(30),
                Clock.systemUTC());
        accounts.add(AgentId.of("alice"), "alice-password", Role.AGENT);
        watcher = new HandoffWatcher(store, new QueueNotices(store, Clock.systemUTC()), accounts, NOBODY,
                Duration.ofMillis(600), LEAVE, Clock.systemUTC());
        watcher.start(Duration.ofMillis(200));
    }

    @AfterEach
    void tearDown() {
        watcher.close();
        stores.close();
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
    void checksLookOnlyAtWaitsThatFellDueAndReadTheQueueOncePerWaitLimit() throws Exception {
        // the watcher of setUp, on a store that counts what it is asked
        watcher.close();
        AtomicInteger queueReads = new AtomicInteger();
        AtomicInteger logReads = new AtomicInteger();
        TranscriptStore counting = (TranscriptStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TranscriptStore.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "queue" -> queueReads.incrementAndGet();
                        case "read", "readForAppend", "session" -> logReads.incrementAndGet();
                        default -> { }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        watcher = new HandoffWatcher(counting, new QueueNotices(counting, Clock.systemUTC()), accounts, "",
                Duration.ofMillis(600), LEAVE, Clock.systemUTC());
        ConversationId before = escalate(); // waiting before the watcher starts: found by reading the queue
        watcher.start(Duration.ofMillis(200));
        List<ConversationId> after = List.of(escalate(), escalate(), escalate());
        for (ConversationId id : after) {
            await(Duration.ofSeconds(5), "the leave-a-message offer", () -> told(id, LEAVE) == 1);
        }
        await(Duration.ofSeconds(5), "the offer to the one waiting before", () -> told(before, LEAVE) == 1);

        int queueReadsThen = queueReads.get();
        int logReadsThen = logReads.get();
        Thread.sleep(1_500); // seven or eight more checks
        assertThat(logReads.get() - logReadsThen).as("logs read again for waits already offered").isZero();
        assertThat(queueReads.get() - queueReadsThen).as("queue reads in 1.5 s with a 600 ms wait limit").isBetween(1, 3);
        for (ConversationId id : after) {
            assertThat(told(id, LEAVE)).isEqualTo(1);
        }
    }

    @Test
    void aCustomerEscalatedAgainWaitsAgainAndIsOfferedAgainAfterTheLimit() {
        ConversationId id = escalate();
        await(Duration.ofSeconds(5), "the first offer", () -> told(id, LEAVE) == 1);
        long seq = store.session(id).lastSequence();
        Instant now = Instant.now();
        store.append(id, seq, List.of(new TranscriptEvent.Claimed(now, AgentId.of("alice")),
                new TranscriptEvent.HandedBack(now, AgentId.of("alice")),
                new TranscriptEvent.Escalated(now, null, EscalationReason.USER_REQUEST, null, "A person will reply.")));
        await(Duration.ofSeconds(5), "the offer for the second wait", () -> told(id, LEAVE) == 2);
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
