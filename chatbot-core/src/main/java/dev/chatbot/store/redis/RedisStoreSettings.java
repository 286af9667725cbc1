package dev.chatbot.store.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Redis store.
 *
 * @param url the server, e.g. {@code redis://localhost:6379} or {@code rediss://user:pass@host:6380/0}
 *            (default {@code redis://localhost:6379})
 * @param keyPrefix first part of every key and channel, so several bots can share one server (default
 *                  {@code chatbot})
 * @param commandTimeout how long a command may wait, including while reconnecting (default 5 s)
 * @param maxReconnectDelay longest pause between reconnection attempts after the server went away
 *                          (default 2 s)
 */
public record RedisStoreSettings(String url, String keyPrefix, Duration commandTimeout, Duration maxReconnectDelay) {

    public RedisStoreSettings {
        if (url == null || !(url.startsWith("redis://") || url.startsWith("rediss://"))) {
            throw new IllegalArgumentException("a Redis URL starts with redis:// or rediss://: " + url);
        }
        if (keyPrefix == null || !keyPrefix.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new IllegalArgumentException("invalid key prefix: " + keyPrefix);
        }
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
    }

    public static RedisStoreSettings defaults(String url) {
        return new RedisStoreSettings(url, "chatbot", Duration.ofSeconds(5), Duration.ofSeconds(2));
    }
}
