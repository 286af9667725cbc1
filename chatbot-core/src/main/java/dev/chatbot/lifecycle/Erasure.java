package dev.chatbot.lifecycle;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.transcript.ConversationData;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.Tombstone;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Erasure on request (GDPR Art. 17): removes a conversation, or every conversation of one customer of a messaging
 * channel, from every holder of per-conversation data, and leaves a content-free {@link Tombstone} (id, time, who)
 * for the record. The transcript goes first, with its tombstone, then the other holders, so a request cut short is
 * completed by running it again (the customer's conversations are still found through the channel store).
 * Retraining never harvests an erased conversation: its events are gone. Blocking; idempotent.
 */
public final class Erasure {

    /** What one request erased. */
    public record Report(List<ConversationId> conversations, long events, long otherRecords) {}

    private final TranscriptStore transcripts;
    private final ChannelStore channels;
    private final List<ConversationData> others;
    private final Runnable scrub;
    private final Clock clock;

    /**
     * @param others the holders of per-conversation data besides the transcripts (the channel store among them)
     * @param scrub clears what the backend still keeps of deleted data outside its tables (the embedded database's
     *              write-ahead log), run once after each request
     */
    public Erasure(
            TranscriptStore transcripts,
            ChannelStore channels,
            List<ConversationData> others,
            Runnable scrub,
            Clock clock) {
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.others = List.copyOf(others);
        this.scrub = Objects.requireNonNull(scrub, "scrub");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Erases one conversation; {@code by} names who asked (an agent, {@code cli:<user>}).
     *
     * @throws IllegalArgumentException if {@code by} is blank or longer than 100 characters
     */
    public Report conversation(ConversationId id, String by) {
        return erase(List.of(id), by);
    }

    /** Erases every conversation of a messaging channel's customer (none found: an empty report, nothing written). */
    public Report customer(ChannelAddress customer, String by) {
        List<ConversationId> ids = channels.conversationsOf(customer);
        return ids.isEmpty() ? new Report(List.of(), 0, 0) : erase(ids, by);
    }

    private Report erase(List<ConversationId> ids, String by) {
        long events = 0;
        long other = 0;
        List<ConversationId> done = new ArrayList<>();
        for (ConversationId id : ids) {
            events += transcripts.erase(new Tombstone(id, clock.instant(), by));
            for (ConversationData holder : others) {
                other += holder.delete(List.of(id));
            }
            done.add(id);
        }
        scrub.run();
        return new Report(List.copyOf(done), events, other);
    }
}
