package dev.chatbot.web.channel;

import static dev.chatbot.web.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.Delivery;
import dev.chatbot.store.StoreSettings;
import dev.chatbot.store.Stores;
import dev.chatbot.testing.RedisTestServer;
import dev.chatbot.transcript.AgentId;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.MessageId;
import dev.chatbot.transcript.TranscriptEvent;
import dev.chatbot.transcript.TranscriptStore;
import dev.chatbot.transcript.redis.RedisSettings;
import dev.chatbot.transcript.sqlite.SqliteSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay's gap between the log and the outbox, on both stores: agent replies appended while no relay ran (the
 * process died after the append, before the outbox write) are queued when the next relay starts, once; replies it
 * relayed before are not queued again; a closed conversation is not followed any more.
 */
@Timeout(120)
class RelayCatchUpTest {

    private static final ChannelAddress TO = new ChannelAddress("whatsapp", "4915112345678");

    @TempDir
    Path dataDir;

    private Stores open(StoreSettings.Kind kind, String prefix) {
        return Stores.open(
                kind == StoreSettings.Kind.EMBEDDED
                        ? new StoreSettings(kind, new SqliteSettings(dataDir, false), null)
                        : new StoreSettings(
                                kind,
                                null,
                                RedisSettings.defaults(RedisTestServer.url()).withKeyPrefix(prefix)));
    }

    private static OutboundRelay relay(Stores stores) {
        return new OutboundRelay(
                stores.transcripts(),
                stores.channels(),
                Set.of("generic", "whatsapp", "telegram"),
                Set.of("generic"),
                Clock.systemUTC());
    }

    private static void agentSays(TranscriptStore transcripts, ConversationId id, String text) {
        transcripts.append(
                id,
                transcripts.session(id).lastSequence(),
                List.of(new TranscriptEvent.AgentReplied(
                        Instant.now(), AgentId.of("alice"), MessageId.random(), text)));
    }

    private static List<String> queued(ChannelStore channels, ConversationId id) {
        return channels.pending(1000).stream()
                .filter(d -> d.conversationId().equals(id.value()))
                .map(Delivery::text)
                .toList();
    }

    @Test
    void onTheEmbeddedStoreRepliesAppendedWhileNoRelayRanAreQueuedByTheNextOneOnce() {
        repliesAppendedWhileNoRelayRanAreQueuedByTheNextOneOnce(StoreSettings.Kind.EMBEDDED);
    }

    @Test
    void onRedisRepliesAppendedWhileNoRelayRanAreQueuedByTheNextOneOnce() {
        repliesAppendedWhileNoRelayRanAreQueuedByTheNextOneOnce(StoreSettings.Kind.REDIS);
    }

    private void repliesAppendedWhileNoRelayRanAreQueuedByTheNextOneOnce(StoreSettings.Kind kind) {
        String prefix = "relay-" + UUID.randomUUID().toString().substring(0, 8);
        ConversationId id = ConversationId.of("wa-" + UUID.randomUUID());
        try (Stores stores = open(kind, prefix)) {
            TranscriptStore transcripts = stores.transcripts();
            MessageId photo = MessageId.of("wamid.photo");
            Instant now = Instant.now();
            transcripts.append(
                    id,
                    0,
                    List.of(
                            new TranscriptEvent.ConversationStarted(now, "whatsapp", "en"),
                            new TranscriptEvent.MessageReceived(now, photo, "[photo]", List.of(), null),
                            new TranscriptEvent.Escalated(
                                    now, photo, EscalationReason.MEDIA, null, "A person will look"),
                            new TranscriptEvent.Claimed(now, AgentId.of("alice"))));
            stores.channels().remember(id, TO);

            try (OutboundRelay first = relay(stores)) {
                first.start();
                agentSays(transcripts, id, "relayed live");
                await(
                        Duration.ofSeconds(20),
                        "the live reply queued",
                        () -> queued(stores.channels(), id).contains("relayed live"));
                await(
                        Duration.ofSeconds(20),
                        "the live reply marked",
                        () -> stores.channels().relayMarks().getOrDefault(id, 0L) >= 5L);
            }
            // the process is gone: these are appended, never relayed
            agentSays(transcripts, id, "lost in the crash 1");
            agentSays(transcripts, id, "lost in the crash 2");
            assertThat(queued(stores.channels(), id)).containsExactly("A person will look", "relayed live");
        }

        try (Stores restarted = open(kind, prefix);
                OutboundRelay next = relay(restarted)) {
            next.start();
            await(
                    Duration.ofSeconds(20),
                    "the missed replies queued",
                    () -> queued(restarted.channels(), id).size() == 4);
            assertThat(queued(restarted.channels(), id))
                    .containsExactly(
                            "A person will look", "relayed live", "lost in the crash 1", "lost in the crash 2");
            await(
                    Duration.ofSeconds(20),
                    "the mark moved past them",
                    () -> restarted.channels().relayMarks().getOrDefault(id, 0L) == 7L);

            // closing the conversation ends the following: no mark left to catch up from
            restarted
                    .transcripts()
                    .append(id, 7, List.of(new TranscriptEvent.Resolved(Instant.now(), AgentId.of("alice"))));
            await(
                    Duration.ofSeconds(20),
                    "the closed conversation no longer followed",
                    () -> !restarted.channels().relayMarks().containsKey(id));
            restarted.channels().delete(List.of(id));
        }
    }
}
