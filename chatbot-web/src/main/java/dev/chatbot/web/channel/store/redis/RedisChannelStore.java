package dev.chatbot.web.channel.store.redis;

import dev.chatbot.store.redis.RedisStoreSettings;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.TranscriptStoreException;
import dev.chatbot.web.channel.ChannelAddress;
import dev.chatbot.web.channel.ChannelStore;
import dev.chatbot.web.channel.Delivery;
import dev.chatbot.web.channel.store.DeliveryJson;
import dev.chatbot.web.redis.RedisConnection;
import io.lettuce.core.ScriptOutputType;
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
    private final String addressesKey;
    private final String outboxKey;

    private RedisChannelStore(RedisConnection connection, String prefix) {
        this.connection = connection;
        this.addressesKey = prefix + ":channels:addresses";
        this.outboxKey = prefix + ":channels:outbox";
    }

    /** Connects as {@code settings} say; a Redis failure surfaces as {@link TranscriptStoreException}. */
    public static RedisChannelStore connect(RedisStoreSettings settings) {
        return new RedisChannelStore(RedisConnection.open(settings), settings.keyPrefix());
    }

    @Override
    public void remember(ConversationId conversation, ChannelAddress address) {
        connection.call(redis -> redis.hsetnx(addressesKey, conversation.value(), DeliveryJson.write(address)));
    }

    @Override
    public Optional<ChannelAddress> address(ConversationId conversation) {
        return Optional.ofNullable(connection.call(redis -> redis.hget(addressesKey, conversation.value())))
                .map(DeliveryJson::address);
    }

    @Override
    public void enqueue(Delivery delivery) {
        connection.call(redis -> redis.hsetnx(outboxKey, delivery.id(), DeliveryJson.write(delivery)));
    }

    @Override
    public List<Delivery> pending(int limit) {
        return connection.call(redis -> redis.hvals(outboxKey)).stream().map(DeliveryJson::delivery)
                .sorted(DeliveryJson.OLDEST_FIRST).limit(limit).toList();
    }

    @Override
    public int pendingCount() {
        return connection.call(redis -> redis.hlen(outboxKey)).intValue();
    }

    @Override
    public void delivered(String deliveryId) {
        connection.call(redis -> redis.hdel(outboxKey, deliveryId));
    }

    @Override
    public void retryLater(Delivery updated) {
        connection.call(redis -> redis.eval(REPLACE_IF_PRESENT, ScriptOutputType.INTEGER, new String[] {outboxKey},
                updated.id(), DeliveryJson.write(updated)));
    }

    @Override
    public void close() {
        connection.close();
    }
}
