package dev.chatbot.web.console.security.redis;

import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.web.console.security.LoginFailures;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;

/**
 * Login failures in Redis (Lettuce): {@code <prefix>:console:login:fails:{<key>}} (a counter, expiring {@code remember}
 * after the last failure) and {@code <prefix>:console:login:lock:{<key>}} (present while locked, with that TTL; the
 * braces keep both keys of one account or address in one Cluster slot).
 */
public final class RedisLoginFailures implements LoginFailures {

    private static final String COUNT =
            "local n = redis.call('INCR', KEYS[1]) " + "redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n";

    private final RedisConnections connection;
    private final String prefix;

    /** On the service's shared Redis connections (closed by their owner). */
    public RedisLoginFailures(RedisConnections connection) {
        this.connection = connection;
        this.prefix = connection.key("console:login:");
    }

    @Override
    public long failed(String key, Duration remember) {
        Long n = connection.call(redis -> redis.<Long>eval(
                COUNT,
                ScriptOutputType.INTEGER,
                new String[] {prefix + "fails:{" + key + "}"},
                Long.toString(remember.toMillis())));
        return n == null ? 1 : n;
    }

    @Override
    public void lock(String key, Duration duration) {
        connection.call(
                redis -> redis.set(prefix + "lock:{" + key + "}", "1", SetArgs.Builder.px(duration.toMillis())));
    }

    @Override
    public Duration locked(String key) {
        Long ttl = connection.call(redis -> redis.pttl(prefix + "lock:{" + key + "}"));
        return ttl == null || ttl <= 0 ? Duration.ZERO : Duration.ofMillis(ttl);
    }

    @Override
    public void clear(String key) {
        connection.call(redis -> redis.del(prefix + "fails:{" + key + "}", prefix + "lock:{" + key + "}"));
    }
}
