package dev.chatbot.transcript.redis;

import dev.chatbot.transcript.ConcurrentAppendException;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.SessionState;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditional append as one Lua script over one conversation's keys: compare the last sequence number
 * in the state hash with the expected one, then XADD every event with ID {@code <seq>-0}, update the
 * state hash (with {@code lastAt}, the time of the newest event, which retention goes by) and PUBLISH the events on the conversation's live channel, all atomically. Exactly one of several
 * concurrent appends with the same expectation wins, and since scripts run one at a time, live events of a
 * conversation are published in sequence order (publishing after the script, from the appending thread, let two
 * threads' events overtake each other).
 */
final class AppendScript {

    static final String LUA = """
            local last = tonumber(redis.call('HGET', KEYS[2], 'lastSeq') or '0')
            if last ~= tonumber(ARGV[1]) then
              return {0, last}
            end
            for i = 8, #ARGV do
              last = last + 1
              redis.call('XADD', KEYS[1], last .. '-0', 'e', ARGV[i])
            end
            redis.call('HSET', KEYS[2], 'lastSeq', last, 'state', ARGV[2], 'agent', ARGV[3],
                       'waitingSince', ARGV[4], 'reason', ARGV[5], 'lastAt', ARGV[7])
            for i = 8, #ARGV do
              redis.call('PUBLISH', ARGV[6], ARGV[i])
            end
            return {1, last}
            """;

    private final RedisKeys keys;
    private volatile String sha;

    AppendScript(RedisKeys keys) {
        this.keys = keys;
    }

    /** Runs the script; throws {@link ConcurrentAppendException} if the log moved on. */
    void run(
            RedisCommands<String, String> redis,
            ConversationId id,
            long expected,
            SessionState after,
            long lastAt,
            List<String> eventJson) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(expected));
        args.add(after.state().name());
        args.add(after.agent() == null ? "" : after.agent().value());
        args.add(after.waitingSince() == null ? "" : after.waitingSince().toString()); // exact, as the event has it
        args.add(
                after.escalationReason() == null ? "" : after.escalationReason().name());
        args.add(keys.live(id));
        args.add(Long.toString(lastAt));
        args.addAll(eventJson);
        String[] scriptKeys = {keys.events(id), keys.state(id)};
        String[] values = args.toArray(String[]::new);
        List<Object> result;
        try {
            if (sha == null) {
                sha = redis.scriptLoad(LUA);
            }
            result = redis.evalsha(sha, ScriptOutputType.MULTI, scriptKeys, values);
        } catch (RedisNoScriptException e) { // the server restarted and lost its script cache
            sha = redis.scriptLoad(LUA);
            result = redis.evalsha(sha, ScriptOutputType.MULTI, scriptKeys, values);
        }
        if (((Long) result.get(0)) == 0L) {
            throw new ConcurrentAppendException(id, expected, (Long) result.get(1));
        }
    }
}
