package dev.chatbot.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.intent.IntentName;
import dev.chatbot.intent.ScoredIntent;
import dev.chatbot.testing.CollectingListener;
import dev.chatbot.transcript.TranscriptEvent.AgentReplied;
import dev.chatbot.transcript.TranscriptEvent.BotAnswered;
import dev.chatbot.transcript.TranscriptEvent.Claimed;
import dev.chatbot.transcript.TranscriptEvent.ClarificationOffered;
import dev.chatbot.transcript.TranscriptEvent.ConversationStarted;
import dev.chatbot.transcript.TranscriptEvent.Escalated;
import dev.chatbot.transcript.TranscriptEvent.FeedbackGiven;
import dev.chatbot.transcript.TranscriptEvent.HandedBack;
import dev.chatbot.transcript.TranscriptEvent.Labelled;
import dev.chatbot.transcript.TranscriptEvent.MessageReceived;
import dev.chatbot.transcript.TranscriptEvent.NoticeSent;
import dev.chatbot.transcript.TranscriptEvent.Resolved;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link TranscriptStore} contract, run against every adapter by a subclass that says how to open an
 * empty store and how to reopen one on the same data.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed check
public abstract class TranscriptStoreContractTest {

    protected static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    protected static final AgentId ALICE = AgentId.of("alice");
    protected static final AgentId BOB = AgentId.of("bob");

    protected TranscriptStore store;

    /** A new, empty store (its own directory or key prefix). */
    protected abstract TranscriptStore openEmptyStore() throws Exception;

    /** Closes {@code store} and opens a new one on the same data, as after a restart. */
    protected abstract TranscriptStore reopen(TranscriptStore store) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = openEmptyStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    protected static MessageReceived message(String id, String text) {
        return new MessageReceived(
                at(1), MessageId.of(id), text, List.of(new ScoredIntent(IntentName.of("order_status"), 0.8)), "m1");
    }

    protected ConversationId started(String name, int atSecond) {
        ConversationId id = ConversationId.of(name);
        store.append(id, 0, List.of(new ConversationStarted(at(atSecond), "web", "en")));
        return id;
    }

    protected void escalate(ConversationId id, int atSecond) {
        long last = store.session(id).lastSequence();
        store.append(id, last, List.of(new Escalated(at(atSecond), null, EscalationReason.USER_REQUEST, null, "wait")));
    }

    @Test
    void appendsEventsWithConsecutiveSequenceNumbersAndReadsThemBackInOrder() {
        ConversationId id = started("c1", 0);
        List<StoredEvent> stored = store.append(id, 1, List.of(message("m1", "hello"), message("m2", "again")));
        assertThat(stored).extracting(StoredEvent::sequence).containsExactly(2L, 3L);
        assertThat(store.read(id, 0)).extracting(StoredEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(store.read(id, 0).get(1).event()).isEqualTo(message("m1", "hello"));
    }

    @Test
    void readsOnlyTheEventsAfterTheGivenSequenceNumber() {
        ConversationId id = started("c1", 0);
        store.append(id, 1, List.of(message("m1", "a"), message("m2", "b"), message("m3", "c")));
        assertThat(store.read(id, 2)).extracting(StoredEvent::sequence).containsExactly(3L, 4L);
        assertThat(store.read(id, 4)).isEmpty();
    }

    @Test
    void isReachableWhileOpenAndNotOnceClosed() {
        assertThat(store.reachable()).isTrue();
        store.close();
        assertThat(store.reachable()).isFalse();
    }

    @Test
    void readsAnUnknownConversationAsEmptyWithoutError() {
        ConversationId unknown = ConversationId.of("nobody");
        assertThat(store.read(unknown, 0)).isEmpty();
        assertThat(store.session(unknown).exists()).isFalse();
    }

    @Test
    void refusesAnAppendWhenTheLogMovedOnAndStoresNothing() {
        ConversationId id = started("c1", 0);
        store.append(id, 1, List.of(message("m1", "first")));
        assertThatThrownBy(() -> store.append(id, 1, List.of(message("m2", "stale"))))
                .isInstanceOf(ConcurrentAppendException.class);
        assertThatThrownBy(() ->
                        store.append(ConversationId.of("c1"), 0, List.of(new ConversationStarted(at(0), "web", "en"))))
                .isInstanceOf(ConcurrentAppendException.class);
        assertThat(store.read(id, 0)).hasSize(2);
    }

    @Test
    void refusesEventsTheHandoffStateMachineForbidsAndStoresNothing() {
        ConversationId id = started("c1", 0);
        assertThatThrownBy(() -> store.append(id, 1, List.of(message("m1", "hi"), new Claimed(at(2), ALICE))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.append(ConversationId.of("c2"), 0, List.of(message("m1", "no start"))))
                .isInstanceOf(IllegalStateException.class);
        escalate(id, 3);
        assertThatThrownBy(() -> store.append(
                        id,
                        2,
                        List.of(new BotAnswered(at(4), null, IntentName.of("greeting"), 0.9, "hello", List.of()))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.read(id, 0)).hasSize(2);
        assertThat(store.read(ConversationId.of("c2"), 0)).isEmpty();
    }

    @Test
    void letsExactlyOneOfManyConcurrentAppendsWithTheSameExpectationWin() throws Exception {
        ConversationId id = started("c1", 0);
        escalate(id, 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            AgentId agent = AgentId.of("agent" + i);
            results.add(pool.submit(() -> {
                go.await();
                try {
                    store.append(id, 2, List.of(new Claimed(at(5), agent)));
                    return true;
                } catch (ConcurrentAppendException e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int wins = 0;
        for (Future<Boolean> f : results) {
            wins += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(wins).isEqualTo(1);
        assertThat(store.read(id, 0))
                .filteredOn(e -> e.event() instanceof Claimed)
                .hasSize(1);
    }

    @Test
    void derivesSessionStateThroughEscalationClaimAndHandBack() {
        ConversationId id = started("c1", 0);
        escalate(id, 10);
        SessionState queued = store.session(id);
        assertThat(queued.state()).isEqualTo(ConversationState.QUEUED);
        assertThat(queued.waitingSince()).isEqualTo(at(10));
        assertThat(queued.escalationReason()).isEqualTo(EscalationReason.USER_REQUEST);
        store.append(id, 2, List.of(new Claimed(at(20), ALICE)));
        assertThat(store.session(id).state()).isEqualTo(ConversationState.AGENT);
        assertThat(store.session(id).agent()).isEqualTo(ALICE);
        store.append(id, 3, List.of(new HandedBack(at(30), ALICE)));
        assertThat(store.session(id).state()).isEqualTo(ConversationState.BOT);
        assertThat(store.session(id).agent()).isNull();
        assertThat(store.session(id).lastSequence()).isEqualTo(4);
    }

    @Test
    void ordersTheQueueByWaitingTimeAndDropsConversationsThatLeaveIt() {
        ConversationId late = started("late", 0);
        ConversationId early = started("early", 1);
        ConversationId middle = started("middle", 2);
        escalate(late, 30);
        escalate(early, 10);
        escalate(middle, 20);
        assertThat(store.queue()).extracting(QueueEntry::conversationId).containsExactly(early, middle, late);
        assertThat(store.queue().get(0)).isEqualTo(new QueueEntry(early, at(10), EscalationReason.USER_REQUEST));
        assertThat(store.queue(2)).extracting(QueueEntry::conversationId).containsExactly(early, middle);
        store.append(middle, 2, List.of(new Claimed(at(40), ALICE)));
        store.append(early, 2, List.of(new Resolved(at(41), BOB)));
        assertThat(store.queue()).extracting(QueueEntry::conversationId).containsExactly(late);
    }

    @Test
    void aTransferPutsTheConversationBackInTheQueueFromItsTimeRoutedToItsTeam() {
        ConversationId moved = started("moved", 0);
        ConversationId waiting = started("waiting", 1);
        escalate(moved, 10);
        escalate(waiting, 20);
        store.append(moved, 2, List.of(new Claimed(at(30), ALICE)));
        assertThat(store.queue()).extracting(QueueEntry::conversationId).containsExactly(waiting);
        store.append(moved, 3, List.of(new TranscriptEvent.Transferred(at(40), ALICE, "billing", BOB, "over to you")));
        assertThat(store.queue()).extracting(QueueEntry::conversationId).containsExactly(waiting, moved);
        assertThat(store.queue().get(1).waitingSince()).isEqualTo(at(40));
        SessionState s = store.session(moved);
        assertThat(s.team()).isEqualTo("billing");
        assertThat(s.routedAgent()).isEqualTo(BOB);
        store.append(moved, 4, List.of(new Claimed(at(50), BOB)));
        assertThat(store.queue()).extracting(QueueEntry::conversationId).containsExactly(waiting);
    }

    @Test
    void listsEveryConversationOldestFirst() {
        started("first", 0);
        started("second", 5);
        started("third", 9);
        assertThat(store.conversations()).extracting(ConversationId::value).containsExactly("first", "second", "third");
    }

    @Test
    void keepsEveryEventTypeWithAllItsFieldsAcrossARestart() throws Exception {
        ConversationId id = ConversationId.of("all-types");
        List<TranscriptEvent> events = everyEventType();
        store.append(id, 0, events);
        store = reopen(store);
        assertThat(store.read(id, 0)).extracting(StoredEvent::event).containsExactlyElementsOf(events);
        assertThat(store.session(id).state()).isEqualTo(ConversationState.CLOSED);
        assertThat(TrainingLabel.from(store.read(id, 0)))
                .singleElement()
                .satisfies(l -> assertThat(l.intent()).isEqualTo(IntentName.of("return_policy")))
                .satisfies(l -> assertThat(l.text()).isEqualTo("is it free"));
    }

    /** One event of every type, in an order the state machine allows; the types list is checked to be complete. */
    protected static List<TranscriptEvent> everyEventType() {
        MessageId m1 = MessageId.of("m-1");
        List<TranscriptEvent> events = List.of(
                new ConversationStarted(at(0), "webhook-generic", "de"),
                new MessageReceived(
                        at(1),
                        m1,
                        "is it free",
                        List.of(
                                new ScoredIntent(IntentName.of("shipping_cost"), 0.41),
                                new ScoredIntent(IntentName.of("return_policy"), 0.39)),
                        "model-7"),
                new ClarificationOffered(
                        at(2),
                        m1,
                        "Did you mean?",
                        List.of(
                                new ClarificationOption(IntentName.of("shipping_cost"), "Shipping cost"),
                                new ClarificationOption(IntentName.of("return_policy"), "Return policy"))),
                new BotAnswered(at(3), m1, IntentName.of("shipping_cost"), 0.41, "Free over 50.", List.of("More")),
                new FeedbackGiven(at(4), false, "not what I asked"),
                new Escalated(at(5), null, EscalationReason.REPEATED_MISS, null, "Passing you on."),
                new NoticeSent(at(6), MessageId.of("m-2"), "Still waiting."),
                new Claimed(at(7), ALICE),
                new AgentReplied(at(8), ALICE, MessageId.of("a-1"), "Hi, Alice here."),
                new TranscriptEvent.Transferred(
                        at(8), ALICE, "orders", AgentId.of("otto"), "They ask about a parcel too."),
                new Claimed(at(8), AgentId.of("otto")),
                new Labelled(at(9), ALICE, m1, IntentName.of("return_policy")),
                new TranscriptEvent.MarkedNotCovered(at(9), ALICE, MessageId.of("m-2")),
                new HandedBack(at(10), AgentId.of("otto")),
                new Resolved(at(11), null),
                new TranscriptEvent.ConversationRated(at(12), 4, "quick", null, IntentName.of("shipping_cost")));
        assertThat(events.stream().map(e -> (Object) e.getClass()).distinct().toList())
                .containsExactlyInAnyOrder((Object[]) TranscriptEvent.class.getPermittedSubclasses());
        return events;
    }

    @Test
    void deliversLiveEventsToSubscribersOfTheirConversationAndOfAll() throws Exception {
        ConversationId mine = started("mine", 0);
        ConversationId other = started("other", 0);
        CollectingListener forMine = new CollectingListener();
        CollectingListener forAll = new CollectingListener();
        try (Subscription s1 = store.subscribe(mine, forMine);
                Subscription s2 = store.subscribeAll(forAll)) {
            store.append(mine, 1, List.of(message("m1", "one"), message("m2", "two")));
            store.append(other, 1, List.of(message("m3", "three")));
            assertThat(forMine.await(2, Duration.ofSeconds(30)))
                    .extracting(StoredEvent::conversationId, StoredEvent::sequence)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(mine, 2L),
                            org.assertj.core.groups.Tuple.tuple(mine, 3L));
            assertThat(forAll.await(3, Duration.ofSeconds(30)))
                    .extracting(StoredEvent::conversationId)
                    .containsExactly(mine, mine, other);
            // forAll heard the other conversation's event after mine's: nothing more of mine was due
            assertThat(forMine.drain()).isEmpty();
        }
        CollectingListener stillSubscribed = new CollectingListener();
        try (Subscription s3 = store.subscribeAll(stillSubscribed)) {
            store.append(mine, 3, List.of(message("m4", "after close")));
            // the event was delivered (to the listener still subscribed): none to the closed subscriptions
            assertThat(stillSubscribed.await(1, Duration.ofSeconds(20)))
                    .extracting(StoredEvent::sequence)
                    .containsExactly(4L);
            assertThat(forMine.drain()).isEmpty();
            assertThat(forAll.drain()).isEmpty();
        }
    }

    @Test
    void keepsEveryAcknowledgedAppendOfManyThreadsInOrderAndDeliversEachOnceInSequence() throws Exception {
        int conversations = 6;
        int threads = 8;
        int appendsPerThread = 25;
        List<ConversationId> ids = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            ids.add(started("busy" + c, 0));
        }
        CollectingListener forAll = new CollectingListener();
        CollectingListener forFirst = new CollectingListener();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> acknowledged = new ArrayList<>();
        try (Subscription s1 = store.subscribeAll(forAll);
                Subscription s2 = store.subscribe(ids.get(0), forFirst)) {
            CountDownLatch go = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                acknowledged.add(pool.submit(() -> {
                    go.await();
                    int done = 0;
                    for (int i = 0; i < appendsPerThread; i++) {
                        ConversationId id = ids.get((thread + i) % conversations);
                        while (true) { // threads share conversations: on a conflict, read again and retry
                            long last = store.session(id).lastSequence();
                            try {
                                store.append(id, last, List.of(message("t" + thread + "-" + i, "from " + thread)));
                                done++;
                                break;
                            } catch (ConcurrentAppendException e) {
                                Thread.onSpinWait();
                            }
                        }
                    }
                    return done;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : acknowledged) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(threads * appendsPerThread);
            List<StoredEvent> live = forAll.await(total, Duration.ofSeconds(20));
            for (ConversationId id : ids) { // per conversation, live events come once each, in sequence order
                assertThat(live)
                        .filteredOn(e -> e.conversationId().equals(id))
                        .extracting(StoredEvent::sequence)
                        .isSorted()
                        .doesNotHaveDuplicates();
            }
            long first = store.session(ids.get(0)).lastSequence() - 1;
            assertThat(forFirst.await((int) first, Duration.ofSeconds(20)))
                    .extracting(StoredEvent::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, first + 1)
                            .boxed()
                            .toList());
        } finally {
            pool.shutdownNow();
        }
        store = reopen(store);
        int stored = 0;
        for (ConversationId id : ids) {
            List<StoredEvent> log = store.read(id, 0);
            assertThat(log)
                    .extracting(StoredEvent::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, log.size())
                            .boxed()
                            .toList());
            stored += log.size() - 1;
        }
        assertThat(stored).isEqualTo(threads * appendsPerThread);
    }
}
