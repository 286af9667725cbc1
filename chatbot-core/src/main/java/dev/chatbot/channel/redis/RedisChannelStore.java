package dev.chatbot.channel.redis;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.Delivery;
import dev.chatbot.channel.DeliveryJson;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.transcript.redis.RedisHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Channel store in Redis (Lettuce), shared by every instance: hash {@code <prefix>:channels:addresses} (conversation id
 * → address), set {@code <prefix>:channels:customer:<sha256 of channel:address>} (the customer's conversations) and
 * hash {@code <prefix>:channels:outbox} (delivery id → delivery). Writes are {@code HSETNX}, so instances that all see
 * the same event enqueue it once.
 */
public final class RedisChannelStore implements ChannelStore {

    private final RedisConnections redis;
    private final RedisHash addresses;
    private final RedisHash outbox;

    public RedisChannelStore(RedisConnections redis) {
        this.redis = redis;
        this.addresses = new RedisHash(redis, "channels:addresses");
        this.outbox = new RedisHash(redis, "channels:outbox");
    }

    @Override
    public void remember(ConversationId conversation, ChannelAddress address) {
        // the index first: a crash in between leaves an entry that reads as no conversation, never a lost one
        redis.call(r -> r.sadd(customerKey(address), conversation.value()));
        addresses.putIfAbsent(conversation.value(), DeliveryJson.write(address));
    }

    @Override
    public Optional<ChannelAddress> address(ConversationId conversation) {
        return addresses.get(conversation.value()).map(DeliveryJson::address);
    }

    @Override
    public List<ConversationId> conversationsOf(ChannelAddress customer) {
        List<ConversationId> out = new ArrayList<>();
        for (String id : redis.call(r -> r.smembers(customerKey(customer)))) {
            ConversationId c = ConversationId.of(id);
            if (address(c).filter(customer::equals).isPresent()) {
                out.add(c);
            }
        }
        out.sort(java.util.Comparator.comparing(ConversationId::value));
        return out;
    }

    private String customerKey(ChannelAddress customer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((customer.channel() + ":" + customer.address()).getBytes(StandardCharsets.UTF_8));
            return redis.key("channels:customer:" + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void enqueue(Delivery delivery) {
        outbox.putIfAbsent(delivery.id(), DeliveryJson.write(delivery));
    }

    @Override
    public List<Delivery> pending(int limit) {
        return outbox.values().stream().map(DeliveryJson::delivery)
                .sorted(DeliveryJson.OLDEST_FIRST).limit(limit).toList();
    }

    @Override
    public int pendingCount() {
        return (int) outbox.size();
    }

    @Override
    public void delivered(String deliveryId) {
        outbox.remove(deliveryId);
    }

    @Override
    public void retryLater(Delivery updated) {
        outbox.replaceIfPresent(updated.id(), DeliveryJson.write(updated));
    }

    @Override
    public long delete(Collection<ConversationId> conversations) {
        if (conversations.isEmpty()) {
            return 0L;
        }
        long n = 0;
        List<String> pendingIds = outbox.fields();
        for (ConversationId id : conversations) {
            Optional<ChannelAddress> address = address(id);
            if (address.isPresent()) {
                redis.call(r -> r.srem(customerKey(address.get()), id.value()));
                n += addresses.remove(id.value());
            }
            String prefix = id.value() + ":";
            n += outbox.remove(pendingIds.stream().filter(d -> d.startsWith(prefix)).toArray(String[]::new));
        }
        return n;
    }

    @Override
    public Map<String, Object> export(ConversationId conversation) {
        Map<String, Object> out = new LinkedHashMap<>();
        address(conversation).ifPresent(a -> out.put("address", a));
        List<Delivery> pending = outbox.values().stream().map(DeliveryJson::delivery)
                .filter(d -> d.conversationId().equals(conversation.value())).sorted(DeliveryJson.OLDEST_FIRST).toList();
        if (!pending.isEmpty()) {
            out.put("pendingDeliveries", pending);
        }
        return out;
    }

    @Override
    public void close() {
        // the connections belong to whoever opened them
    }
}
