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
        accounts = new AgentAccounts(
                new SqliteConsoleStore(stores.database().orElseThrow()),
                password -> "hash:" + password,
                (password, hash) -> hash.equals("hash:" + password),
                Duration.ofSeconds(30),
                Clock.systemUTC());
        accounts.add(AgentId.of("alice"), "alice-password", Role.AGENT);
        watcher = new HandoffWatcher(
                store,
                new QueueNotices(store, Clock.systemUTC()),
                accounts,
                NOBODY,
                Duration.ofMillis(600),
                LEAVE,
                Clock.systemUTC());
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
        store.append(
                id,
                0,
                List.of(
                        new TranscriptEvent.ConversationStarted(now, "web", "en"),
                        new TranscriptEvent.Escalated(
                                now, null, EscalationReason.USER_REQUEST, null, "A person will reply.")));
        return id;
    }

    private long told(ConversationId id, String text) {
        return store.read(id, 0).stream()
                .filter(e -> e.event() instanceof TranscriptEvent.NoticeSent n
                        && n.text().equals(text))
                .count();
    }

    @Test
    void aCustomerEscalatedWhileNobodyIsOnlineIsToldSoAndStaysQueued() {
        ConversationId id = escalate();
        await(Duration.ofSeconds(30), "the nobody-online notice", () -> told(id, NOBODY) == 1);
        assertThat(store.queue()).extracting(q -> q.conversationId()).contains(id);
    }

    @Test
    void aCustomerEscalatedWhileAnAgentIsOnlineIsNotToldNobodyIsOnline() throws InterruptedException {
        accounts.report(AgentId.of("alice"), Presence.Status.ONLINE);
        ConversationId id = escalate();
        // the offer comes after the escalation was handled on the watcher's thread, which would have told it
        await(Duration.ofSeconds(30), "the leave-a-message offer", () -> told(id, LEAVE) == 1);
        assertThat(told(id, NOBODY)).isZero();
    }

    @Test
    void afterTheWaitLimitTheCustomerIsOfferedToLeaveAMessageOnce() throws Exception {
        ConversationId id = escalate();
        await(Duration.ofSeconds(30), "the leave-a-message offer", () -> told(id, LEAVE) == 1);
        for (int i = 0; i < 5; i++) {
            check(); // more checks
        }
        assertThat(told(id, LEAVE)).isEqualTo(1);
        assertThat(store.session(id).state().name()).isEqualTo("QUEUED");
    }

    @Test
    void checksLookOnlyAtWaitsThatFellDueAndReadTheQueueOncePerWaitLimit() throws Exception {
        // the watcher of setUp, on a store that counts what it is asked
        watcher.close();
        AtomicInteger queueReads = new AtomicInteger();
        AtomicInteger logReads = new AtomicInteger();
        TranscriptStore counting = (TranscriptStore) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TranscriptStore.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "queue" -> queueReads.incrementAndGet();
                        case "read", "readForAppend", "session" -> logReads.incrementAndGet();
                        default -> {}
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        // the checks run when the test says (checkNow) on a clock it moves; the scheduler never fires
        MovingClock clock = new MovingClock(Instant.now());
        watcher = new HandoffWatcher(
                counting,
                new QueueNotices(counting, Clock.systemUTC()),
                accounts,
                "",
                Duration.ofMillis(600),
                LEAVE,
                clock);
        ConversationId before = escalate(); // waiting before the watcher starts: found by reading the queue
        watcher.start(Duration.ofDays(1));
        List<ConversationId> after = List.of(escalate(), escalate(), escalate());
        clock.advance(Duration.ofSeconds(1)); // every wait is past the limit
        for (ConversationId id : after) {
            await(Duration.ofSeconds(30), "the leave-a-message offer", () -> {
                check();
                return told(id, LEAVE) == 1;
            });
        }
        check();
        assertThat(told(before, LEAVE))
                .as("the offer to the one waiting before")
                .isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        check(); // reads the queue: the last read was longer ago than the wait limit
        int queueReadsThen = queueReads.get();
        int logReadsThen = logReads.get();
        for (int i = 0; i < 6; i++) { // checks at +200 ms ... +1200 ms
            clock.advance(Duration.ofMillis(200));
            check();
        }
        assertThat(logReads.get() - logReadsThen)
                .as("logs read again for waits already offered")
                .isZero();
        assertThat(queueReads.get() - queueReadsThen)
                .as("queue reads in 1.2 s with a 600 ms wait limit")
                .isEqualTo(2);
        for (ConversationId id : after) {
            assertThat(told(id, LEAVE)).isEqualTo(1);
        }
    }

    /** One check on the watcher's thread, done when this returns. */
    private void check() {
        try {
            watcher.checkNow().get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the check failed", e);
        }
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private final java.util.concurrent.atomic.AtomicReference<Instant> now;

        MovingClock(Instant start) {
            now = new java.util.concurrent.atomic.AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
