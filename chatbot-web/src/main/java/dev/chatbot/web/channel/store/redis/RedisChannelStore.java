package dev.chatbot.web.channel.store.redis;

import dev.chatbot.transcript.ConversationId;
import dev.chatbot.web.channel.ChannelAddress;
import dev.chatbot.web.channel.ChannelStore;
import dev.chatbot.web.channel.Delivery;
import dev.chatbot.web.channel.store.DeliveryJson;
import dev.chatbot.web.redis.RedisConnection;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Optional;

/**
 * Channel store in Redis (Lettuce), shared by every instance: hash {@code <prefix>:channels:addresses}
 * (conversation id → address) and hash {@code <prefix>:channels:outbox} (delivery id → delivery). Writes are
 * {@code HSETNX}, so instances that all see the same event enqueue it once.
 */
public final class RedisChannelStore implements ChannelStore {

    private static final String REPLACE_IF_PRESENT =
            "if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end return -1";

    private final RedisConnection connection;
    private final RedisCommands<String, String> redis;
    private final String addressesKey;
    private final String outboxKey;

    private RedisChannelStore(RedisConnection connection, String prefix) {
        this.connection = connection;
        this.redis = connection.connection().sync();
        this.addressesKey = prefix + ":channels:addresses";
        this.outboxKey = prefix + ":channels:outbox";
    }

    public static RedisChannelStore connect(String url, String keyPrefix) {
        return new RedisChannelStore(RedisConnection.open(url), keyPrefix);
    }

    @Override
    public void remember(ConversationId conversation, ChannelAddress address) {
        redis.hsetnx(addressesKey, conversation.value(), DeliveryJson.write(address));
    }

    @Override
    public Optional<ChannelAddress> address(ConversationId conversation) {
        return Optional.ofNullable(redis.hget(addressesKey, conversation.value())).map(DeliveryJson::address);
    }

    @Override
    public void enqueue(Delivery delivery) {
        redis.hsetnx(outboxKey, delivery.id(), DeliveryJson.write(delivery));
    }

    @Override
    public List<Delivery> pending(int limit) {
        return redis.hvals(outboxKey).stream().map(DeliveryJson::delivery).sorted(DeliveryJson.OLDEST_FIRST)
                .limit(limit).toList();
    }

    @Override
    public int pendingCount() {
        return redis.hlen(outboxKey).intValue();
    }

    @Override
    public void delivered(String deliveryId) {
        redis.hdel(outboxKey, deliveryId);
    }

    @Override
    public void retryLater(Delivery updated) {
        redis.eval(REPLACE_IF_PRESENT, ScriptOutputType.INTEGER, new String[] {outboxKey}, updated.id(),
                DeliveryJson.write(updated));
    }

    @Override
    public void close() {
        connection.close();
    }
}
