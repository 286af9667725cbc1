package dev.chatbot.channel.redis;

import dev.chatbot.channel.ChannelAddress;
import dev.chatbot.channel.ChannelStore;
import dev.chatbot.channel.ContactDetails;
import dev.chatbot.channel.DeadLetter;
import dev.chatbot.channel.Delivery;
import dev.chatbot.channel.DeliveryJson;
import dev.chatbot.channel.MediaReference;
import dev.chatbot.transcript.ConversationId;
import dev.chatbot.transcript.redis.RedisConnections;
import dev.chatbot.transcript.redis.RedisHash;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Channel store in Redis (Lettuce), shared by every instance: hash {@code <prefix>:channels:addresses} (conversation id
 * → address), set {@code <prefix>:channels:customer:<sha256 of channel:address>} (the customer's conversations), the
 * outbox under the hash tag {@code {outbox}} (one Cluster slot, so its scripts may touch all of it): hash
 * {@code channels:{outbox}} (delivery id → delivery), sorted set {@code channels:{outbox}:c:<conversation>} (its
 * deliveries by sequence), hash {@code channels:{outbox}:next} (delivery id → next attempt, epoch millis) and sorted
 * set {@code channels:{outbox}:due} (each conversation's first delivery, scored by its next attempt time), hash {@code channels:dead:<conversation>} (delivery id → dead letter), hash {@code channels:media:<conversation>} (message id →
 * media reference) and hash {@code channels:media-content:<conversation>} (message id → base64 of an uploaded file), hash
 * {@code channels:contact-details} (conversation id → contact details left in the leave-a-message form) and hash
 * {@code channels:relayed} (conversation id → the relay's mark, while it is followed). Enqueueing is
 * conditional ({@code HSETNX} in a script), so instances that all see the same event enqueue it once.
 *
 * <p>Over 250 lines: one short method per operation of the channel port, with the scripts they run.
 */
public final class RedisChannelStore implements ChannelStore {

    /** Adds a delivery unless present; makes it its conversation's due head when it is the first. */
    private static final String ENQUEUE = """
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
            redis.call('HSET', KEYS[4], ARGV[1], ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
            local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
            if head == ARGV[1] then
              local previous = redis.call('ZRANGE', KEYS[2], 1, 1)[1]
              if previous then redis.call('ZREM', KEYS[3], previous) end
              redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
            end
            return 1
            """;

    /** Removes a delivery (KEYS[2] is its conversation's set) and makes the conversation's next one due. */
    private static final String REMOVE = """
            local removed = redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[4], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('ZREM', KEYS[3], ARGV[1])
            local head = redis.call('ZRANGE', KEYS[2], 0, 0)[1]
            if head then
              local at = redis.call('HGET', KEYS[4], head)
              if at then redis.call('ZADD', KEYS[3], 'NX', at, head) end
            end
            return removed
            """;

    /** Replaces a delivery if present, and moves its due time if it is its conversation's head. */
    private static final String RETRY = """
            if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('HSET', KEYS[4], ARGV[1], ARGV[3])
            redis.call('ZADD', KEYS[3], 'XX', ARGV[3], ARGV[1])
            return 1
            """;

    /** Moves a relay mark forward, if the conversation has one. */
    private static final String MARK = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current and tonumber(current) < tonumber(ARGV[2]) then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
              return 1
            end
            return 0
            """;

    private final RedisConnections redis;
    private final RedisHash addresses;
    private final RedisHash contacts;
    private final RedisHash relayMarks;
    private final String outbox;
    private final String due;
    private final String nextAttempt;

    public RedisChannelStore(RedisConnections redis) {
        this.redis = redis;
        this.addresses = new RedisHash(redis, "channels:addresses");
        this.contacts = new RedisHash(redis, "channels:contact-details");
        this.relayMarks = new RedisHash(redis, "channels:relayed");
        this.outbox = redis.key("channels:{outbox}");
        this.due = redis.key("channels:{outbox}:due");
        this.nextAttempt = redis.key("channels:{outbox}:next");
        moveOldOutbox();
    }

    /** Deliveries kept in the single hash {@code channels:outbox} of earlier versions join the new outbox. */
    private void moveOldOutbox() {
        RedisHash old = new RedisHash(redis, "channels:outbox");
        if (old.size() == 0) {
            return;
        }
        old.values().stream().map(DeliveryJson::delivery).forEach(this::enqueue);
        redis.call(r -> r.del(old.key()));
    }

    private String conversationKey(String conversationId) {
        return redis.key("channels:{outbox}:c:" + conversationId);
    }

    private String deadKey(String conversationId) {
        return redis.key("channels:dead:" + conversationId);
    }

    private String mediaKey(String conversationId) {
        return redis.key("channels:media:" + conversationId);
    }

    private String contentKey(String conversationId) {
        return redis.key("channels:media-content:" + conversationId);
    }

    @Override
    public void remember(ConversationId conversation, ChannelAddress address) {
        // the index first: a crash in between leaves an entry that reads as no conversation, never a lost one
        redis.call(r -> r.sadd(customerKey(address), conversation.value()));
        if (addresses.putIfAbsent(conversation.value(), DeliveryJson.write(address))) {
            relayMarks.putIfAbsent(conversation.value(), "0");
        }
    }

    @Override
    public void relayed(ConversationId conversation, long sequence) {
        redis.call(r -> r.eval(
                MARK,
                ScriptOutputType.INTEGER,
                new String[] {relayMarks.key()},
                conversation.value(),
                Long.toString(sequence)));
    }

    @Override
    public void relayFinished(ConversationId conversation) {
        relayMarks.remove(conversation.value());
    }

    @Override
    public Map<ConversationId, Long> relayMarks() {
        Map<ConversationId, Long> out = new LinkedHashMap<>();
        redis.call(r -> r.hgetall(relayMarks.key()))
                .forEach((id, seq) -> out.put(ConversationId.of(id), Long.parseLong(seq)));
        return out;
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
        out.sort(Comparator.comparing(ConversationId::value));
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
        script(
                ENQUEUE,
                delivery.conversationId(),
                delivery.id(),
                DeliveryJson.write(delivery),
                Long.toString(delivery.sequence()),
                Long.toString(delivery.notBefore().toEpochMilli()));
    }

    private Long script(String lua, String conversationId, String... args) {
        String[] keys = {outbox, conversationKey(conversationId), due, nextAttempt};
        return redis.call(r -> r.eval(lua, ScriptOutputType.INTEGER, keys, args));
    }

    @Override
    public List<Delivery> pending(int limit) {
        return all().stream().sorted(DeliveryJson.OLDEST_FIRST).limit(limit).toList();
    }

    private List<Delivery> all() {
        return redis.call(r -> r.hvals(outbox)).stream()
                .map(DeliveryJson::delivery)
                .toList();
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
        List<String> ids = redis.call(r -> r.zrangebyscore(
                due, Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()), Limit.create(0, limit)));
        if (ids.isEmpty()) {
            return List.of();
        }
        return redis.call(r -> r.hmget(outbox, ids.toArray(String[]::new))).stream()
                .filter(kv -> kv.hasValue())
                .map(kv -> DeliveryJson.delivery(kv.getValue()))
                .toList();
    }

    @Override
    public int pendingCount() {
        return redis.call(r -> r.hlen(outbox)).intValue();
    }

    @Override
    public void delivered(String deliveryId) {
        String json = redis.call(r -> r.hget(outbox, deliveryId));
        if (json != null) {
            remove(DeliveryJson.delivery(json));
        }
    }

    private long remove(Delivery d) {
        return script(REMOVE, d.conversationId(), d.id());
    }

    @Override
    public void retryLater(Delivery updated) {
        script(
                RETRY,
                updated.conversationId(),
                updated.id(),
                DeliveryJson.write(updated),
                Long.toString(updated.notBefore().toEpochMilli()));
    }

    @Override
    public void deadLetter(DeadLetter letter) {
        Delivery d = letter.delivery();
        redis.call(r -> r.hsetnx(deadKey(d.conversationId()), d.id(), DeliveryJson.write(letter)));
        remove(d);
    }

    @Override
    public List<DeadLetter> deadLetters(ConversationId conversation) {
        return redis.call(r -> r.hvals(deadKey(conversation.value()))).stream()
                .map(json -> DeliveryJson.read(json, DeadLetter.class))
                .sorted(Comparator.comparingLong(l -> l.delivery().sequence()))
                .toList();
    }

    @Override
    public void attach(ConversationId conversation, MediaReference media) {
        redis.call(r -> r.hsetnx(mediaKey(conversation.value()), media.messageId(), DeliveryJson.write(media)));
    }

    @Override
    public void attach(ConversationId conversation, MediaReference media, byte[] content) {
        String encoded = Base64.getEncoder().encodeToString(content);
        // the content first: a reference is never seen without its file (a crash between leaves an orphan the
        // conversation's deletion removes with it)
        redis.call(r -> r.hsetnx(contentKey(conversation.value()), media.messageId(), encoded));
        redis.call(r -> r.hsetnx(mediaKey(conversation.value()), media.messageId(), DeliveryJson.write(media)));
    }

    @Override
    public Optional<byte[]> content(ConversationId conversation, String messageId) {
        String encoded = redis.call(r -> r.hget(contentKey(conversation.value()), messageId));
        return encoded == null
                ? Optional.empty()
                : Optional.of(Base64.getDecoder().decode(encoded));
    }

    @Override
    public void leaveContact(ConversationId conversation, ContactDetails details) {
        contacts.put(conversation.value(), DeliveryJson.write(details));
    }

    @Override
    public Optional<ContactDetails> contactDetails(ConversationId conversation) {
        return contacts.get(conversation.value()).map(json -> DeliveryJson.read(json, ContactDetails.class));
    }

    @Override
    public List<MediaReference> media(ConversationId conversation) {
        return redis.call(r -> r.hvals(mediaKey(conversation.value()))).stream()
                .map(json -> DeliveryJson.read(json, MediaReference.class))
                .sorted(Comparator.comparing(MediaReference::receivedAt).thenComparing(MediaReference::messageId))
                .toList();
    }

    @Override
    public long delete(Collection<ConversationId> conversations) {
        if (conversations.isEmpty()) {
            return 0L;
        }
        long n = 0;
        for (ConversationId id : conversations) {
            Optional<ChannelAddress> address = address(id);
            if (address.isPresent()) {
                redis.call(r -> r.srem(customerKey(address.get()), id.value()));
                n += addresses.remove(id.value());
            }
            for (String deliveryId : redis.call(r -> r.zrange(conversationKey(id.value()), 0, -1))) {
                n += script(REMOVE, id.value(), deliveryId);
            }
            n += redis.call(r -> r.hlen(deadKey(id.value())) + r.hlen(mediaKey(id.value())));
            redis.call(r -> r.del(deadKey(id.value()), mediaKey(id.value()), contentKey(id.value())));
            n += contacts.remove(id.value());
            relayMarks.remove(id.value());
        }
        return n;
    }

    @Override
    public List<Delivery> pendingOf(ConversationId conversation) {
        List<String> ids = redis.call(r -> r.zrange(conversationKey(conversation.value()), 0, -1));
        return ids.isEmpty()
                ? List.of()
                : redis.call(r -> r.hmget(outbox, ids.toArray(String[]::new))).stream()
                        .filter(kv -> kv.hasValue())
                        .map(kv -> DeliveryJson.delivery(kv.getValue()))
                        .filter(Objects::nonNull)
                        .sorted(DeliveryJson.OLDEST_FIRST)
                        .toList();
    }

    @Override
    public void close() {
        // the connections belong to whoever opened them
    }
}
