package dev.chatbot.transcript.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Redis hash used as a table of JSON values by key, for the adapters that keep records in Redis (channel
 * addresses and outbox, console accounts and presence). Every failure is a
 * {@link dev.chatbot.transcript.TranscriptStoreException} (see {@link RedisConnections#call}). Thread-safe.
 */
public final class RedisHash {

    /** Replaces a field only if it exists; 1 if replaced, 0 if there was none. */
    static final String REPLACE_IF_PRESENT = """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
              return 1
            end
            return 0
            """;

    private final RedisConnections redis;
    private final String key;
    private volatile String sha;

    /** The hash {@code <prefix>:<name>}. */
    public RedisHash(RedisConnections redis, String name) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.key = redis.key(name);
    }

    public String key() {
        return key;
    }

    /** Sets the field unless it exists (first write wins); true if this call set it. */
    public boolean putIfAbsent(String field, String value) {
        return redis.call(r -> r.hsetnx(key, field, value));
    }

    /** Sets the field, replacing what it held. */
    public void put(String field, String value) {
        redis.call(r -> r.hset(key, field, value));
    }

    /** Replaces the field only if it exists, atomically; true if it did. */
    public boolean replaceIfPresent(String field, String value) {
        Long replaced = redis.call(r -> {
            try {
                if (sha == null) {
                    sha = r.scriptLoad(REPLACE_IF_PRESENT);
                }
                return r.<Long>evalsha(sha, ScriptOutputType.INTEGER, new String[] {key}, field, value);
            } catch (RedisNoScriptException e) { // the server restarted and lost its script cache
                sha = r.scriptLoad(REPLACE_IF_PRESENT);
                return r.<Long>evalsha(sha, ScriptOutputType.INTEGER, new String[] {key}, field, value);
            }
        });
        return replaced != null && replaced == 1L;
    }

    public Optional<String> get(String field) {
        return Optional.ofNullable(redis.call(r -> r.hget(key, field)));
    }

    public List<String> values() {
        return redis.call(r -> r.hvals(key));
    }

    public List<String> fields() {
        return redis.call(r -> r.hkeys(key));
    }

    public long size() {
        return redis.call(r -> r.hlen(key));
    }

    /** Deletes the fields; how many existed. */
    public long remove(String... fields) {
        return fields.length == 0 ? 0 : redis.call(r -> r.hdel(key, fields));
    }
}
