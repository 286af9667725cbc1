package dev.chatbot.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.transcript.TranscriptEvent.ConversationStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveEventDispatcherTest {

    private static final ConversationId A = ConversationId.of("conv-a");
    private static final ConversationId B = ConversationId.of("conv-b");

    private final LiveEventDispatcher dispatcher = new LiveEventDispatcher("test-live-events");

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private static StoredEvent event(ConversationId id, long sequence) {
        return new StoredEvent(
                id, sequence, new ConversationStarted(Instant.parse("2026-01-01T00:00:00Z"), "web", "en"));
    }

    @Test
    void everyListenerHearsItsConversationsEventsInOrder() throws Exception {
        BlockingQueue<String> all = new LinkedBlockingQueue<>();
        BlockingQueue<String> ofA = new LinkedBlockingQueue<>();
        dispatcher.register(null, e -> all.add(e.conversationId().value() + "#" + e.sequence()));
        dispatcher.register(A, e -> ofA.add(e.conversationId().value() + "#" + e.sequence()));

        dispatcher.dispatch(List.of(event(A, 1), event(B, 1)));
        dispatcher.dispatch(List.of(event(A, 2)));

        List<String> heard = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            heard.add(all.poll(10, TimeUnit.SECONDS));
        }
        assertThat(heard).containsExactly("conv-a#1", "conv-b#1", "conv-a#2");
        assertThat(List.of(ofA.poll(10, TimeUnit.SECONDS), ofA.poll(10, TimeUnit.SECONDS)))
                .containsExactly("conv-a#1", "conv-a#2");
        assertThat(dispatcher.wants(B)).isTrue(); // the all-events listener wants B
    }

    @Test
    void aListenerUnregisteredBeforeDeliveryIsNotHandedTheQueuedEvent_andOneRegisteredAfterIsNot() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        dispatcher.register(
                B,
                e -> { // holds the delivery thread until the test lets go
                    blocking.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                });
        dispatcher.dispatch(List.of(event(B, 1)));
        assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicInteger leaving = new AtomicInteger();
        AtomicInteger late = new AtomicInteger();
        AtomicInteger staying = new AtomicInteger();
        Subscription gone = dispatcher.register(A, e -> leaving.incrementAndGet());
        dispatcher.register(A, e -> staying.incrementAndGet());
        dispatcher.dispatch(List.of(event(A, 1)));
        dispatcher.register(A, e -> late.incrementAndGet());
        gone.close();
        release.countDown();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> staying.get() == 1);
        dispatcher.dispatch(List.of(event(A, 2))); // a marker: delivered after the first one
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> late.get() == 1);
        assertThat(leaving.get()).isZero();
        assertThat(staying.get()).isEqualTo(2);
    }

    @Test
    void tenThousandListenersEachHearAnEventOnceAndLeaveNothingBehind() throws Exception {
        int listeners = 10_000;
        AtomicInteger heard = new AtomicInteger();
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < listeners; i++) {
            subscriptions.add(
                    dispatcher.register(i % 2 == 0 ? null : ConversationId.of("c" + i), e -> heard.incrementAndGet()));
        }
        dispatcher.dispatch(List.of(event(A, 1)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> heard.get() == listeners / 2);

        subscriptions.forEach(Subscription::close);
        assertThat(dispatcher.wants(A)).isFalse();
        dispatcher.dispatch(List.of(event(A, 2)));
        CountDownLatch after = new CountDownLatch(1);
        dispatcher.register(A, e -> after.countDown());
        dispatcher.dispatch(List.of(event(A, 3)));
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(heard.get()).isEqualTo(listeners / 2);
    }
}
