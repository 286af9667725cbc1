package dev.chatbot.transcript.redis;

import java.time.Duration;

/**
 * Settings of the Redis connection every Redis adapter of a process shares ({@link RedisConnections}).
 *
 * @param url the server, e.g. {@code redis://localhost:6379} or {@code rediss://user:pass@host:6380/0}
 *            (default {@code redis://localhost:6379})
 * @param keyPrefix first part of every key and channel, so several bots can share one server (default
 *                  {@code chatbot})
 * @param commandTimeout how long a command may wait for its answer (default 2 s); while the connection is
 *                       down commands are refused at once rather than waiting (see {@link RedisConnections})
 * @param maxReconnectDelay longest pause between reconnection attempts after the server went away
 *                          (default 2 s)
 */
public record RedisSettings(String url, String keyPrefix, Duration commandTimeout, Duration maxReconnectDelay) {

    public RedisSettings {
        if (url == null || !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw new IllegalArgumentException("a Redis URL starts with redis:// or rediss://: " + url);
        }
        if (keyPrefix == null || !keyPrefix.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new IllegalArgumentException("invalid key prefix: " + keyPrefix);
        }
        if (commandTimeout == null || commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("the command timeout must be positive: " + commandTimeout);
        }
        if (maxReconnectDelay == null || maxReconnectDelay.isNegative() || maxReconnectDelay.isZero()) {
            throw new IllegalArgumentException("the reconnect delay must be positive: " + maxReconnectDelay);
        }
    }

    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(2);

    public static RedisSettings defaults(String url) {
        return new RedisSettings(url, "chatbot", DEFAULT_COMMAND_TIMEOUT, DEFAULT_MAX_RECONNECT_DELAY);
    }

    /** The same settings with another key prefix. */
    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(url, prefix, commandTimeout, maxReconnectDelay);
    }

    /** The same settings with another command timeout. */
    public RedisSettings withCommandTimeout(Duration timeout) {
        return new RedisSettings(url, keyPrefix, timeout, maxReconnectDelay);
    }
}
