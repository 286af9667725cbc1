package dev.chatbot.transcript.redis;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.TranscriptStoreException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The conversations as a whole: the index of starts (sorted set, score = started at) with each conversation's
 * {@code lastAt} in its state hash, for listings by period and for retention, and the deletion of a conversation with
 * everything derived from it. Failures are Lettuce exceptions; the store turns them into its own.
 */
final class RedisConversations {

    private final RedisKeys keys;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final Duration timeout;

    RedisConversations(RedisKeys keys, StatefulRedisConnection<String, String> connection, Duration timeout) {
        this.keys = keys;
        this.connection = connection;
        this.redis = connection.sync();
        this.timeout = timeout;
    }

    /** Started before {@code to} and last active at or after {@code from}, oldest first. */
    List<ConversationId> conversations(Instant from, Instant to) {
        List<String> started = redis.zrangebyscore(
                keys.conversations(), Range.create(Double.NEGATIVE_INFINITY, (double) millisBefore(to)));
        if (from.equals(Instant.MIN)) {
            return started.stream().map(ConversationId::of).toList();
        }
        List<Long> lastAt = lastActivity(started);
        List<ConversationId> out = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            Long last = lastAt.get(i);
            if (last != null && last >= from.toEpochMilli()) {
                out.add(ConversationId.of(started.get(i)));
            }
        }
        return out;
    }

    /**
     * Only a conversation started before the cutoff can have been inactive since, so the index of starts is read up to
     * it, in pages, and each candidate's {@code lastAt} checked (pipelined). A member without a state hash is an index
     * entry left behind (a crash between deleting the keys and the index entries): expired as well.
     */
    List<ConversationId> inactiveSince(Instant cutoff, int limit) {
        long before = millisBefore(cutoff);
        List<Candidate> expired = new ArrayList<>();
        int page = 1_000;
        for (long offset = 0; ; offset += page) {
            List<String> started = redis.zrangebyscore(
                    keys.conversations(),
                    Range.create(Double.NEGATIVE_INFINITY, (double) before),
                    Limit.create(offset, page));
            List<Long> lastAt = lastActivity(started);
            for (int i = 0; i < started.size(); i++) {
                Long last = lastAt.get(i);
                if (last == null || last < cutoff.toEpochMilli()) {
                    expired.add(new Candidate(started.get(i), last == null ? Long.MIN_VALUE : last));
                }
            }
            if (started.size() < page || expired.size() >= limit * 4L) {
                break;
            }
        }
        return expired.stream()
                .sorted(Candidate.LEAST_RECENT)
                .limit(limit)
                .map(c -> ConversationId.of(c.id()))
                .toList();
    }

    /**
     * Deletes a conversation: its two keys in one {@code DEL} (one slot), then its index entries, then tells every
     * instance to drop its copy of the log.
     *
     * @return how many events it had
     */
    long delete(ConversationId id) {
        long events = redis.xlen(keys.events(id));
        redis.del(keys.events(id), keys.state(id));
        redis.zrem(keys.queue(), id.value());
        redis.zrem(keys.conversations(), id.value());
        redis.publish(keys.forget(), id.value());
        return events;
    }

    /** A conversation found inactive, with the time of its newest event. */
    private record Candidate(String id, long lastAt) {
        static final Comparator<Candidate> LEAST_RECENT =
                Comparator.comparingLong(Candidate::lastAt).thenComparing(Candidate::id);
    }

    /** Each conversation's {@code lastAt} (null when it has no state hash), one pipelined round trip. */
    private List<Long> lastActivity(List<String> ids) {
        List<RedisFuture<String>> futures = new ArrayList<>(ids.size());
        for (String id : ids) {
            futures.add(connection.async().hget(keys.state(ConversationId.of(id)), "lastAt"));
        }
        List<Long> out = new ArrayList<>(ids.size());
        for (RedisFuture<String> f : futures) {
            String v = await(f);
            out.add(v == null || v.isEmpty() ? null : Long.parseLong(v));
        }
        return out;
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptStoreException("interrupted while waiting for Redis", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TranscriptStoreException("Redis failed: " + e.getMessage(), e);
        }
    }

    /** The last whole millisecond before {@code at}, for inclusive score ranges (far future clamped). */
    private static long millisBefore(Instant at) {
        if (at.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
            return Long.MAX_VALUE / 2;
        }
        return at.toEpochMilli() - 1;
    }
}
