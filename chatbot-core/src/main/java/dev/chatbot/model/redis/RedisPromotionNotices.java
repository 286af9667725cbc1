package dev.chatbot.model.redis;

import dev.chatbot.model.PromotionNotices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Objects;
import java.util.function.Consumer;

// Redis pub/sub adapter: the channel <prefix>:model:promoted carries the promoted version id.
public final class RedisPromotionNotices implements PromotionNotices {

    private final RedisClient client;
    private final String channel;
    private StatefulRedisConnection<String, String> publisher;

    public RedisPromotionNotices(String url, String keyPrefix) {
        this.client = RedisClient.create(RedisURI.create(Objects.requireNonNull(url, "url")));
        this.channel = Objects.requireNonNull(keyPrefix, "keyPrefix") + ":model:promoted";
    }

    public String channel() {
        return channel;
    }

    @Override
    public synchronized void announce(String version) {
        Objects.requireNonNull(version, "version");
        if (publisher == null) {
            publisher = client.connect();
        }
        publisher.sync().publish(channel, version);
    }

    @Override
    public AutoCloseable listen(Consumer<String> onPromoted) {
        Objects.requireNonNull(onPromoted, "onPromoted");
        StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                if (channel.equals(from)) {
                    onPromoted.accept(message);
                }
            }
        });
        connection.sync().subscribe(channel); // returns when Redis confirmed the subscription
        return connection::close;
    }

    @Override
    public synchronized void close() {
        if (publisher != null) {
            publisher.close();
        }
        client.shutdown();
    }
}
