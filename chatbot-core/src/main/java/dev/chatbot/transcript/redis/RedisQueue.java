package dev.chatbot.transcript.redis;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.ConversationState;
import dev.chatbot.transcript.EscalationReason;
import dev.chatbot.transcript.QueueEntry;
import dev.chatbot.transcript.TranscriptStoreException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the queue: the sorted set (score = waiting since, epoch millis) checked against each conversation's
 * state hash. The sorted set is an index written outside the append script (in Cluster it lives in another
 * slot), so it may hold stale members; only QUEUED ones are returned, and members of closed conversations
 * are removed.
 */
final class RedisQueue {

    private final RedisKeys keys;
    private final StatefulRedisConnection<String, String> connection;
    private final Duration timeout;

    RedisQueue(RedisKeys keys, StatefulRedisConnection<String, String> connection, Duration timeout) {
        this.keys = keys;
        this.connection = connection;
        this.timeout = timeout;
    }

    /** The first {@code limit} queued conversations, longest waiting first, read in pages. */
    List<QueueEntry> head(int limit) {
        List<QueueEntry> queue = new ArrayList<>();
        int page = Math.min(Math.max(limit, 16), 1_000);
        for (long from = 0; queue.size() < limit; from += page) {
            List<ScoredValue<String>> members = connection.sync().zrangeWithScores(keys.queue(), from, from + page - 1);
            queue.addAll(queued(members, limit - queue.size()));
            if (members.size() < page) {
                break;
            }
        }
        return queue;
    }

    private List<QueueEntry> queued(List<ScoredValue<String>> members, int limit) {
        List<RedisFuture<List<KeyValue<String, String>>>> states = new ArrayList<>();
        for (ScoredValue<String> m : members) { // pipelined: one round trip for the page
            states.add(connection
                    .async()
                    .hmget(keys.state(ConversationId.of(m.getValue())), "state", "waitingSince", "reason"));
        }
        List<QueueEntry> queue = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            List<KeyValue<String, String>> fields = await(states.get(i));
            String state = fields.get(0).getValueOrElse("");
            if (state.equals(ConversationState.QUEUED.name()) && queue.size() < limit) {
                queue.add(new QueueEntry(
                        ConversationId.of(members.get(i).getValue()),
                        waitingSince(fields.get(1).getValue()),
                        EscalationReason.valueOf(fields.get(2).getValue())));
            } else if (state.equals(ConversationState.CLOSED.name())) {
                connection.async().zrem(keys.queue(), members.get(i).getValue()); // closed is final: safe to drop
            }
        }
        return queue;
    }

    /** An ISO instant (written since the times are kept exactly), or epoch milliseconds (written before). */
    private static Instant waitingSince(String value) {
        return value.indexOf('T') > 0 ? Instant.parse(value) : Instant.ofEpochMilli(Long.parseLong(value));
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptStoreException("interrupted while reading the queue", e);
        } catch (Exception e) {
            throw new TranscriptStoreException("reading the queue failed: " + e.getMessage(), e);
        }
    }
}
