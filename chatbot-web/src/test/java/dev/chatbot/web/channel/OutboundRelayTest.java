package dev.chatbot.web.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.Delivery;
import dev.chatbot.intent.IntentName;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.StoredEvent;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.TranscriptStoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** The relay in isolation (the channel store mocked): what it queues, and what it does while the store is away. */
class OutboundRelayTest {

    private static final ConversationId ID = ConversationId.of("c-relay-test-1");
    private static final ChannelAddress TO = new ChannelAddress("generic", "user-1");

    private final ChannelStore channels = mock(ChannelStore.class);
    private final OutboundRelay relay = new OutboundRelay(
            mock(TranscriptStore.class),
            channels,
            Set.of("generic", "whatsapp", "telegram"),
            Set.of("generic"),
            Clock.systemUTC());

    private static StoredEvent agentReply(long sequence, String text) {
        return new StoredEvent(
                ID,
                sequence,
                new TranscriptEvent.AgentReplied(
                        Instant.now(), AgentId.of("alice"), MessageId.of("m" + sequence), text));
    }

    @Test
    void queuesAnAgentReplyForItsConversationsChannel() {
        when(channels.address(ID)).thenReturn(Optional.of(TO));
        relay.relay(agentReply(7, "on my way"));
        ArgumentCaptor<Delivery> queued = ArgumentCaptor.forClass(Delivery.class);
        verify(channels).enqueue(queued.capture());
        assertThat(queued.getValue().id()).isEqualTo(ID.value() + ":7");
        assertThat(queued.getValue().text()).isEqualTo("on my way");
        assertThat(queued.getValue().to()).isEqualTo(TO);
    }

    @Test
    void retriesWhileTheChannelStoreIsUnreachableAndKeepsTheOrder() {
        when(channels.address(ID))
                .thenThrow(new TranscriptStoreException("Redis failed: connection refused"))
                .thenThrow(new TranscriptStoreException("Redis failed: connection refused"))
                .thenReturn(Optional.of(TO));
        relay.relay(agentReply(5, "first"));
        relay.relay(agentReply(6, "second"));
        ArgumentCaptor<Delivery> queued = ArgumentCaptor.forClass(Delivery.class);
        InOrder order = inOrder(channels);
        order.verify(channels, org.mockito.Mockito.times(2)).enqueue(queued.capture());
        assertThat(queued.getAllValues()).extracting(Delivery::sequence).containsExactly(5L, 6L);
    }

    @Test
    void doesNotRetryAFailureThatIsNotTheStoresAndMovesOn() {
        when(channels.address(ID)).thenThrow(new IllegalStateException("a bug"));
        relay.relay(agentReply(5, "first"));
        verify(channels, never()).enqueue(any());
    }

    @Test
    void repliesInAConversationStartedWithoutAnOutboxAreNotLookedUpButOthersAre() {
        ConversationId web = ConversationId.of("c-web-1");
        ConversationId whatsapp = ConversationId.of("whatsapp-p1-0");
        ChannelAddress phone = new ChannelAddress("whatsapp", "+4912345");
        when(channels.address(whatsapp)).thenReturn(Optional.of(phone));
        Instant now = Instant.now();
        relay.onEvent(new StoredEvent(web, 1, new TranscriptEvent.ConversationStarted(now, "web", "en")));
        relay.onEvent(new StoredEvent(
                web,
                3,
                new TranscriptEvent.BotAnswered(
                        now,
                        MessageId.of("m1"),
                        IntentName.of("shipping"),
                        0.9,
                        "We ship to 30 countries.",
                        List.of())));
        relay.onEvent(new StoredEvent(
                web, 5, new TranscriptEvent.AgentReplied(now, AgentId.of("alice"), MessageId.of("a1"), "Hello")));
        relay.onEvent(new StoredEvent(whatsapp, 1, new TranscriptEvent.ConversationStarted(now, "whatsapp", "en")));
        relay.onEvent(new StoredEvent(
                whatsapp,
                3,
                new TranscriptEvent.BotAnswered(
                        now,
                        MessageId.of("m2"),
                        IntentName.of("shipping"),
                        0.9,
                        "We ship to 30 countries.",
                        List.of())));

        // one relay thread, in order: once the WhatsApp answer is queued, the web events were dealt with before it
        ArgumentCaptor<Delivery> queued = ArgumentCaptor.forClass(Delivery.class);
        verify(channels, timeout(5_000)).enqueue(queued.capture());
        assertThat(queued.getValue().to()).isEqualTo(phone);
        verify(channels, never()).address(web);
    }

    @Test
    void aConversationWhoseStartWasNotSeenIsLookedUp() {
        when(channels.address(ID)).thenReturn(Optional.of(TO));
        relay.onEvent(agentReply(9, "hello again"));
        verify(channels, timeout(5_000)).enqueue(any());
    }
}
