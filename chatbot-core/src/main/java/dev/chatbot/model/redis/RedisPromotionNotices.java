package dev.chatbot.model.redis;

import dev.chatbot.model.PromotionNotices;
import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.transcript.redis.RedisSettings;
import java.util.Objects;
import java.util.function.Consumer;

// Redis pub/sub adapter: the channel <prefix>:model:promoted carries the promoted version id.
public final class RedisPromotionNotices implements PromotionNotices {

    private final RedisConnections redis;
    private final boolean ownsConnections;
    private final String channel;

    private RedisPromotionNotices(RedisConnections redis, boolean owns) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ownsConnections = owns;
        this.channel = redis.key("model:promoted");
    }

    /** Notices on the process's shared Redis connections (not closed with this). */
    public static RedisPromotionNotices on(RedisConnections redis) {
        return new RedisPromotionNotices(redis, false);
    }

    /** Notices on a connection of their own, closed with this (for a command that only announces). */
    public static RedisPromotionNotices connect(RedisSettings settings) {
        return new RedisPromotionNotices(RedisConnections.connect(settings), true);
    }

    public String channel() {
        return channel;
    }

    @Override
    public void announce(String version) {
        Objects.requireNonNull(version, "version");
        redis.call(r -> r.publish(channel, version));
    }

    @Override
    public AutoCloseable listen(Consumer<String> onPromoted) {
        Objects.requireNonNull(onPromoted, "onPromoted");
        return redis.subscribe(channel, false, (from, message) -> onPromoted.accept(message));
    }

    @Override
    public void close() {
        if (ownsConnections) {
            redis.close();
        }
    }
}
