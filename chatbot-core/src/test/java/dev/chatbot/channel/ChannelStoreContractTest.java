package dev.chatbot.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.transcript.ConversationId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ChannelStore} contract, run against every adapter. */
public abstract class ChannelStoreContractTest {

    protected ChannelStore store;

    /** A fresh, empty store. */
    protected abstract ChannelStore open();

    /** The same store opened again (as after a restart). */
    protected abstract ChannelStore reopen();

    @BeforeEach
    void setUp() {
        store = open();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    static Delivery delivery(String conversation, long seq, Instant created) {
        return new Delivery(conversation + ":" + seq, conversation, seq, new ChannelAddress("generic", "u-" + conversation),
                "AgentReplied", "reply " + seq, List.of("Yes", "No"), 0, created, created);
    }

    @Test
    void remembersTheFirstAddressOfAConversation() {
        ConversationId id = ConversationId.random();
        store.remember(id, new ChannelAddress("whatsapp", "4915112345678"));
        store.remember(id, new ChannelAddress("whatsapp", "other"));
        assertThat(store.address(id)).contains(new ChannelAddress("whatsapp", "4915112345678"));
        assertThat(store.address(ConversationId.random())).isEmpty();
    }

    @Test
    void enqueueingTheSameDeliveryTwiceKeepsOne() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        store.enqueue(delivery("c1", 3, t));
        store.enqueue(delivery("c1", 3, t));
        assertThat(store.pendingCount()).isEqualTo(1);
    }

    @Test
    void listsPendingDeliveriesOldestFirstAndForgetsDeliveredOnes() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        store.enqueue(delivery("c2", 5, t.plusSeconds(1)));
        store.enqueue(delivery("c1", 4, t));
        store.enqueue(delivery("c1", 6, t.plusSeconds(1)));
        assertThat(store.pending(10)).extracting(Delivery::id).containsExactly("c1:4", "c2:5", "c1:6");
        assertThat(store.pending(1)).extracting(Delivery::id).containsExactly("c1:4");
        store.delivered("c1:4");
        assertThat(store.pending(10)).extracting(Delivery::id).containsExactly("c2:5", "c1:6");
    }

    @Test
    void retryLaterUpdatesOnlyPendingDeliveries() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        Delivery d = delivery("c3", 1, t);
        store.enqueue(d);
        store.retryLater(d.retryAt(t.plusSeconds(30)));
        assertThat(store.pending(10)).singleElement().satisfies(p -> {
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.notBefore()).isEqualTo(t.plusSeconds(30));
            assertThat(p.quickReplies()).containsExactly("Yes", "No");
        });
        store.delivered(d.id());
        store.retryLater(d.retryAt(t.plusSeconds(60)));
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void findsTheConversationsOfACustomer() {
        ChannelAddress alice = new ChannelAddress("whatsapp", "4915112345678");
        ConversationId first = ConversationId.of("wa-first");
        ConversationId second = ConversationId.of("wa-second");
        store.remember(first, alice);
        store.remember(second, alice);
        store.remember(ConversationId.of("tg-other"), new ChannelAddress("telegram", "4915112345678"));
        assertThat(store.conversationsOf(alice)).containsExactly(first, second);
        assertThat(store.conversationsOf(new ChannelAddress("whatsapp", "nobody"))).isEmpty();
    }

    @Test
    void deletesTheAddressAndPendingDeliveriesOfConversationsAndNothingElse() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        ChannelAddress alice = new ChannelAddress("generic", "alice");
        ConversationId gone = ConversationId.of("c1");
        ConversationId kept = ConversationId.of("c2");
        store.remember(gone, alice);
        store.remember(kept, new ChannelAddress("generic", "bob"));
        store.enqueue(delivery("c1", 3, t));
        store.enqueue(delivery("c1", 4, t));
        store.enqueue(delivery("c2", 3, t));
        assertThat(store.export(gone)).containsKeys("address", "pendingDeliveries");

        assertThat(store.delete(List.of(gone, ConversationId.of("unknown")))).isEqualTo(3);
        assertThat(store.address(gone)).isEmpty();
        assertThat(store.conversationsOf(alice)).isEmpty();
        assertThat(store.pending(10)).extracting(Delivery::id).containsExactly("c2:3");
        assertThat(store.address(kept)).isPresent();
        assertThat(store.export(gone)).isEmpty();
        assertThat(store.delete(List.of(gone))).isZero();
    }

    @Test
    void pendingDeliveriesAndAddressesSurviveARestart() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        ConversationId id = ConversationId.random();
        store.remember(id, new ChannelAddress("telegram", "777"));
        store.enqueue(delivery("c4", 2, t));
        store.close();
        store = reopen();
        assertThat(store.address(id)).contains(new ChannelAddress("telegram", "777"));
        assertThat(store.pending(10)).extracting(Delivery::id).containsExactly("c4:2");
    }
}
