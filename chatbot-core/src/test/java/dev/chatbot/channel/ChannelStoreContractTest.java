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
        return new Delivery(
                conversation + ":" + seq,
                conversation,
                seq,
                new ChannelAddress("generic", "u-" + conversation),
                "AgentReplied",
                "reply " + seq,
                List.of("Yes", "No"),
                0,
                created,
                created);
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
        assertThat(store.conversationsOf(new ChannelAddress("whatsapp", "nobody")))
                .isEmpty();
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

    @Test
    void dueListsEachConversationsFirstDeliveryOnceItsTimeHasCome() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        Delivery first = delivery("c5", 2, t);
        store.enqueue(delivery("c5", 3, t));
        store.enqueue(first); // enqueued late (a relay catching up): still goes first
        store.enqueue(delivery("c6", 4, t.plusSeconds(1)));
        assertThat(store.due(t.plusSeconds(1), 10)).extracting(Delivery::id).containsExactly("c5:2", "c6:4");
        assertThat(store.due(t, 10)).extracting(Delivery::id).containsExactly("c5:2");

        store.retryLater(first.retryAt(t.plusSeconds(60)));
        assertThat(store.due(t.plusSeconds(30), 10)).extracting(Delivery::id).containsExactly("c6:4");
        assertThat(store.due(t.plusSeconds(60), 10)).extracting(Delivery::id).containsExactly("c6:4", "c5:2");

        store.delivered("c5:2");
        assertThat(store.due(t.plusSeconds(1), 10)).extracting(Delivery::id).containsExactly("c5:3", "c6:4");
    }

    @Test
    void aBacklogWaitingForRetriesNeverHidesANewDelivery() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 1_000; i++) {
            Delivery d = delivery("backlog" + i, 1, t);
            store.enqueue(d);
            store.retryLater(d.retryAt(t.plusSeconds(3_600)));
        }
        store.enqueue(delivery("fresh", 1, t.plusSeconds(5)));
        assertThat(store.due(t.plusSeconds(10), 500)).extracting(Delivery::id).containsExactly("fresh:1");
        assertThat(store.pendingCount()).isEqualTo(1_001);
    }

    @Test
    void deadLettersLeaveTheOutboxLetTheNextMessageGoAndGoWithTheirConversation() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        ConversationId id = ConversationId.of("c7");
        store.remember(id, new ChannelAddress("whatsapp", "4915100000007"));
        Delivery refused = delivery("c7", 2, t);
        store.enqueue(refused);
        store.enqueue(delivery("c7", 3, t));
        store.deadLetter(new DeadLetter(
                refused.retryAt(t), "WhatsApp's 24-hour customer-service window is closed", t.plusSeconds(1)));

        assertThat(store.due(t, 10)).extracting(Delivery::id).containsExactly("c7:3");
        assertThat(store.pendingCount()).isEqualTo(1);
        assertThat(store.deadLetters(id)).singleElement().satisfies(letter -> {
            assertThat(letter.delivery().text()).isEqualTo("reply 2");
            assertThat(letter.reason()).isEqualTo("WhatsApp's 24-hour customer-service window is closed");
            assertThat(letter.failedAt()).isEqualTo(t.plusSeconds(1));
        });
        assertThat(store.deadLetters(ConversationId.of("c8"))).isEmpty();
        assertThat(store.export(id)).containsKeys("address", "pendingDeliveries", "undelivered");

        assertThat(store.delete(List.of(id))).isEqualTo(3);
        assertThat(store.deadLetters(id)).isEmpty();
        assertThat(store.pendingCount()).isZero();
        assertThat(store.due(t, 10)).isEmpty();
        assertThat(store.export(id)).isEmpty();
    }

    @Test
    void keepsMediaReferencesWithTheirConversation() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        ConversationId id = ConversationId.of("c9");
        store.attach(id, new MediaReference("wamid.2", "whatsapp", "image", "media-2", "image/jpeg", t.plusSeconds(2)));
        store.attach(id, new MediaReference("wamid.1", "whatsapp", "location", "52.52,13.40", "", t));
        store.attach(id, new MediaReference("wamid.1", "whatsapp", "image", "again", "image/png", t));
        assertThat(store.media(id)).extracting(MediaReference::reference).containsExactly("52.52,13.40", "media-2");
        assertThat(store.media(ConversationId.of("c10"))).isEmpty();
        assertThat(store.export(id)).containsKey("media");

        assertThat(store.delete(List.of(id))).isEqualTo(2);
        assertThat(store.media(id)).isEmpty();
    }

    @Test
    void keepsUploadedFilesWithTheirReferenceAndDeletesThemWithTheConversation() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        ConversationId id = ConversationId.of("c11");
        byte[] photo = new byte[300_000];
        for (int i = 0; i < photo.length; i++) {
            photo[i] = (byte) (i * 31 + 7);
        }
        store.attach(id, new MediaReference("w-1", "web", "image", "upload", "image/png", t), photo);
        store.attach(id, new MediaReference("w-1", "web", "image", "upload", "image/jpeg", t), new byte[] {1, 2, 3});
        store.attach(id, new MediaReference("wamid.3", "whatsapp", "image", "media-3", "image/jpeg", t));

        assertThat(store.media(id)).extracting(MediaReference::mimeType).containsExactly("image/png", "image/jpeg");
        assertThat(store.content(id, "w-1"))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(photo));
        assertThat(store.content(id, "wamid.3")).isEmpty();
        assertThat(store.content(ConversationId.of("c12"), "w-1")).isEmpty();
        assertThat(store.export(id)).containsKey("media");

        store.close();
        store = reopen();
        assertThat(store.content(id, "w-1"))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(photo));

        store.delete(List.of(id));
        assertThat(store.media(id)).isEmpty();
        assertThat(store.content(id, "w-1")).isEmpty();
    }

    @Test
    void keepsTheLatestContactDetailsAsGivenAndDeletesThemWithTheConversation() {
        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        ConversationId id = ConversationId.of("c13");
        store.leaveContact(id, new ContactDetails("", "", "+49 170 1234567", t));
        store.leaveContact(id, new ContactDetails("Jo Doe", "jo@example.com", "+49 170 1234567", t.plusSeconds(5)));

        assertThat(store.contactDetails(id))
                .contains(new ContactDetails("Jo Doe", "jo@example.com", "+49 170 1234567", t.plusSeconds(5)));
        assertThat(store.contactDetails(ConversationId.of("c14"))).isEmpty();
        assertThat(store.export(id)).containsKey("contactDetails");

        store.close();
        store = reopen();
        assertThat(store.contactDetails(id)).map(ContactDetails::email).contains("jo@example.com");

        assertThat(store.delete(List.of(id))).isEqualTo(1);
        assertThat(store.contactDetails(id)).isEmpty();
        assertThat(store.export(id)).isEmpty();
    }

    @Test
    void aRememberedConversationIsFollowedByTheRelayFromZeroUntilItIsFinished() {
        ConversationId id = ConversationId.of("c15");
        ConversationId other = ConversationId.of("c16");
        store.remember(id, new ChannelAddress("whatsapp", "4915100000015"));
        assertThat(store.relayMarks()).containsEntry(id, 0L).doesNotContainKey(other);

        store.relayed(id, 7);
        store.relayed(id, 5); // another instance, behind: the mark never moves back
        store.relayed(other, 3); // not followed: nothing to move
        store.remember(id, new ChannelAddress("whatsapp", "4915100000015")); // remembered again: the mark stays
        assertThat(store.relayMarks()).containsEntry(id, 7L).doesNotContainKey(other);

        store.close();
        store = reopen();
        assertThat(store.relayMarks()).containsEntry(id, 7L);

        store.relayFinished(id);
        store.relayed(id, 9);
        assertThat(store.relayMarks()).doesNotContainKey(id);
        assertThat(store.address(id)).isPresent();

        ConversationId deleted = ConversationId.of("c17");
        store.remember(deleted, new ChannelAddress("telegram", "17"));
        store.delete(List.of(deleted));
        assertThat(store.relayMarks()).doesNotContainKey(deleted);
    }
}
