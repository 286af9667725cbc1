package dev.chatbot.lifecycle;

import dev.chatbot.transcript.ConversationData;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.TranscriptStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The retention period: deletes every conversation whose last activity is older than the period, with everything
 * derived from it in every holder of per-conversation data (channel addresses and outbox entries; the transcript's
 * events, state, queue entries and indexes), in batches. The other holders go first and the transcript last, so a
 * sweep cut short leaves conversations the next sweep finds again. Insights and retraining then see what remains.
 * Blocking; safe to run beside a server, and on several instances at once (a delete is idempotent).
 */
public final class Retention {

    /** What a sweep deleted (or, dry, would delete). */
    public record Report(Instant cutoff, boolean dryRun, int conversations, long events, long otherRecords) {}

    private final TranscriptStore transcripts;
    private final List<ConversationData> others;
    private final RetentionSettings settings;
    private final Runnable scrub;
    private final Clock clock;

    /**
     * @param others the holders of per-conversation data besides the transcripts
     * @param scrub clears what the backend still keeps of deleted data outside its tables (the embedded database's
     *              write-ahead log), run once at the end of a sweep that deleted something
     */
    public Retention(
            TranscriptStore transcripts,
            List<ConversationData> others,
            RetentionSettings settings,
            Runnable scrub,
            Clock clock) {
        this.transcripts = Objects.requireNonNull(transcripts, "transcripts");
        this.others = List.copyOf(others);
        this.scrub = Objects.requireNonNull(scrub, "scrub");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public RetentionSettings settings() {
        return settings;
    }

    /** Deletes what the period has expired; {@code progress} hears each batch's report so far. */
    public Report sweep(Consumer<Report> progress) {
        Instant cutoff = cutoff();
        if (cutoff == null) {
            return new Report(null, false, 0, 0, 0);
        }
        int conversations = 0;
        long events = 0;
        long other = 0;
        while (true) {
            List<ConversationId> batch = transcripts.inactiveSince(cutoff, settings.batchSize());
            if (batch.isEmpty()) {
                break;
            }
            for (ConversationData holder : others) {
                other += holder.delete(batch);
            }
            events += transcripts.delete(batch);
            conversations += batch.size();
            progress.accept(new Report(cutoff, false, conversations, events, other));
        }
        if (conversations > 0) {
            scrub.run();
        }
        return new Report(cutoff, false, conversations, events, other);
    }

    /** Counts what {@link #sweep} would delete now, deleting nothing (events and other records are not counted). */
    public Report dryRun() {
        Instant cutoff = cutoff();
        if (cutoff == null) {
            return new Report(null, true, 0, 0, 0);
        }
        // listed whole: a dry run is a command a person runs, and the ids are small
        int count = transcripts.inactiveSince(cutoff, Integer.MAX_VALUE).size();
        return new Report(cutoff, true, count, 0, 0);
    }

    /** The oldest last activity that is still kept, or null when the period keeps everything. */
    public Instant cutoff() {
        return settings.keepsForever() ? null : clock.instant().minus(settings.period());
    }
}
